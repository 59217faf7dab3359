import { KnowledgeBase } from '../../src/core/knowledge/index.js';
import type { Entity } from '../../src/core/knowledge/schema.js';

/** A few hand-made entities, so the rule tests do not move when the bundled data grows. */
function entity(fields: Partial<Entity> & Pick<Entity, 'id' | 'name' | 'kind'>): Entity {
  return { vendor: null, aliases: [], ambiguous: [], cues: [], related: [], summary: 'An entity made for the tests.', facts: [], ...fields };
}

export const TEST_ENTITIES: Entity[] = [
  entity({ id: 'nvidia', name: 'Nvidia', kind: 'company', vendor: 'Nvidia', aliases: ['Nvidia', '英伟达'], cues: ['GPU'] }),
  entity({ id: 'huawei', name: 'Huawei', kind: 'company', vendor: 'Huawei', aliases: ['Huawei', '华为'] }),
  entity({ id: 'nvidia-h20', name: 'Nvidia H20', kind: 'gpu', vendor: 'Nvidia', aliases: ['H20'], related: ['nvidia-h100'] }),
  entity({ id: 'nvidia-h200', name: 'Nvidia H200', kind: 'gpu', vendor: 'Nvidia', aliases: ['H200'] }),
  entity({ id: 'nvidia-gh200', name: 'Nvidia GH200', kind: 'soc', vendor: 'Nvidia', aliases: ['GH200', 'Grace Hopper Superchip'] }),
  entity({ id: 'nvidia-h100', name: 'Nvidia H100', kind: 'gpu', vendor: 'Nvidia', family: 'nvidia-hopper', aliases: ['H100', 'H100 SXM5'] }),
  entity({
    id: 'nvidia-a100',
    name: 'Nvidia A100',
    kind: 'gpu',
    vendor: 'Nvidia',
    ambiguous: [{ alias: 'A100', collidesWith: 'a British road', weak: true, otherAfter: ['road', 'motorway'] }],
  }),
  entity({ id: 'nvidia-gb200', name: 'Nvidia GB200', kind: 'soc', vendor: 'Nvidia', aliases: ['GB200'] }),
  entity({ id: 'nvidia-gb200-nvl72', name: 'GB200 NVL72', kind: 'accelerator', vendor: 'Nvidia', aliases: ['GB200 NVL72'] }),
  entity({
    id: 'nvidia-hopper',
    name: 'Hopper',
    kind: 'architecture',
    vendor: 'Nvidia',
    ambiguous: [{ alias: 'Hopper', collidesWith: 'surname', otherBefore: ['Edward', 'Admiral'], chipAfter: ['GPU', 'GPUs', 'architecture'] }],
    cues: ['H100'],
  }),
  entity({
    id: 'nvidia-grace',
    name: 'Nvidia Grace',
    kind: 'cpu',
    vendor: 'Nvidia',
    ambiguous: [{ alias: 'Grace', collidesWith: 'given name', chipAfter: ['CPU', 'CPUs'], otherBefore: ['Admiral'] }],
  }),
  entity({
    id: 'nvidia-blackwell',
    name: 'Blackwell',
    kind: 'architecture',
    vendor: 'Nvidia',
    aliases: ['Blackwell Ultra'],
    ambiguous: [{ alias: 'Blackwell', collidesWith: 'surname', otherBefore: ['Elizabeth'], chipAfter: ['GPU', 'GPUs', 'chips'] }],
    cues: ['B200', 'GB200'],
  }),
  entity({
    id: 'nvidia-rubin',
    name: 'Rubin',
    kind: 'architecture',
    vendor: 'Nvidia',
    ambiguous: [{ alias: 'Rubin', collidesWith: 'astronomer Vera Rubin', chipAfter: ['GPU', 'GPUs'], otherAfter: ['Observatory'], otherBefore: ['Vera C.'] }],
  }),
  entity({
    id: 'huawei-ascend',
    name: 'Huawei Ascend',
    kind: 'accelerator',
    vendor: 'Huawei',
    aliases: ['昇腾'],
    ambiguous: [{ alias: 'Ascend', collidesWith: 'the verb', chipBefore: ['Huawei'], chipAfter: ['chips', 'chip'], otherAfter: ['the', 'to'] }],
    cues: ['Huawei', 'SMIC'],
  }),
  entity({ id: 'huawei-ascend-910c', name: 'Ascend 910C', kind: 'accelerator', vendor: 'Huawei', family: 'huawei-ascend', aliases: ['Ascend 910C', '昇腾910C'] }),
  entity({
    id: 'huawei-kirin',
    name: 'Kirin',
    kind: 'soc',
    vendor: 'Huawei',
    aliases: ['Kirin 9000S'],
    ambiguous: [{ alias: 'Kirin', collidesWith: 'a beer', otherBefore: ['the'], otherAfter: ['beer'], chipAfter: ['chip', 'processor'] }],
  }),
  entity({ id: 'amd-mi300x', name: 'AMD Instinct MI300X', kind: 'gpu', vendor: 'AMD', aliases: ['MI300X', 'Instinct MI300X'] }),
  entity({
    id: 'google-tpu',
    name: 'Google TPU',
    kind: 'accelerator',
    vendor: 'Google',
    ambiguous: [{ alias: 'TPU', collidesWith: 'thermoplastic polyurethane', chipBefore: ['Google'], otherAfter: ['filament'] }],
  }),
  entity({
    id: 'nvidia-tesla',
    name: 'Nvidia Tesla',
    kind: 'architecture',
    vendor: 'Nvidia',
    ambiguous: [{ alias: 'Tesla', collidesWith: 'the carmaker', strict: true, chipAfter: ['architecture', 'V100'] }],
  }),
  entity({ id: 'export-controls', name: 'Export controls', kind: 'policy', vendor: null, aliases: ['export controls'] }),
];

export const TEST_KB = new KnowledgeBase(TEST_ENTITIES, {
  words: ['chip', 'chips', 'GPU', 'GPUs', 'semiconductor', 'data centre', '芯片'],
  patterns: ['\\b\\d+\\s?nm\\b', '\\bTFLOPS\\b'],
  everydayBefore: ['named after', 'Dr.'],
  everydayAfter: ['who', 'was born', 'a famed'],
});
