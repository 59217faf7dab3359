import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  MIGRATIONS,
  SETTINGS_VERSION,
  hostMatches,
  hostPatternProblem,
  readSettings,
  runsOn,
  settingsToStore,
  withSite,
  type Settings,
} from '../../src/core/settings.js';

const defaults = (): Settings => structuredClone(DEFAULT_SETTINGS);

describe('reading stored settings', () => {
  it('gives the defaults for nothing stored, with no problem reported', () => {
    expect(readSettings(undefined)).toEqual({ settings: defaults(), problems: [] });
  });

  it('lifts the version 1 (flat) shape to the current one, keeping every value', () => {
    const v1 = { categories: { chip: true, arch: false, tech: true, org: false, policy: true }, highlightStyle: 'underline', colours: { ...DEFAULT_SETTINGS.looks.colours, chip: '#112233' }, dwellMs: 600, hideDelayMs: 100 };
    const { settings, problems } = readSettings(v1);
    expect(problems).toEqual([]);
    expect(settings.categories.arch).toBe(false);
    expect(settings.categories.org).toBe(false);
    expect(settings.looks.style).toBe('underline');
    expect(settings.looks.colours.chip).toBe('#112233');
    expect(settings.cards.dwellMs).toBe(600);
    expect(settings.cards.hideDelayMs).toBe(100);
    expect(settings.sites).toEqual(DEFAULT_SETTINGS.sites);
  });

  it('has one migration per earlier version', () => {
    expect(MIGRATIONS).toHaveLength(SETTINGS_VERSION - 1);
  });

  it('round-trips what it stores, storing only what differs from the defaults', () => {
    const changed = { ...defaults(), cards: { ...defaults().cards, dwellMs: 500 } };
    const stored = settingsToStore(changed);
    expect(stored).toEqual({ version: SETTINGS_VERSION, cards: { dwellMs: 500 } });
    expect(readSettings(stored).settings).toEqual(changed);
    expect(settingsToStore(defaults())).toEqual({ version: SETTINGS_VERSION });
  });

  it('reads a stored -0 delay as 0, so it survives being stored again as JSON', () => {
    const { settings, problems } = readSettings({ version: SETTINGS_VERSION, cards: { dwellMs: -0 } });
    expect(problems).toEqual([]);
    expect(Object.is(settings.cards.dwellMs, 0)).toBe(true);
  });

  it.each([
    ['a string for a boolean', { version: 2, categories: { chip: 'yes' } }, /Categories \(chip\)/],
    ['a number out of range', { version: 2, cards: { dwellMs: -5 } }, /Card delay/],
    ['NaN', { version: 2, cards: { dwellMs: Number.NaN } }, /Card delay/],
    ['an unknown style', { version: 2, looks: { style: 'blink' } }, /Highlight style/],
    ['a colour that is not #rrggbb', { version: 2, looks: { colours: { chip: 'url(x)' } } }, /Colours \(chip\)/],
    ['a host list with a bad pattern', { version: 2, sites: { alwaysOff: ['http://x.com/'] } }, /Sites always off/],
    ['a group that is not an object', { version: 2, cards: 'fast' }, /cards/],
    ['an unknown modifier', { version: 2, cards: { modifier: 'Hyper' } }, /Card key/],
  ])('falls back to the default for %s and says so', (_, stored, message) => {
    const { settings, problems } = readSettings(stored);
    expect(problems.join(' ')).toMatch(message);
    const fixed = readSettings({ version: 2 }).settings;
    expect(settings).toEqual(fixed);
  });

  it.each([[null], ['text'], [42], [[1, 2]], [{ version: 99 }], [{ version: 'x', categories: 5 }]])('never throws on a corrupt value: %j', (stored) => {
    const { settings } = readSettings(stored);
    expect(settings.cards.dwellMs).toBe(DEFAULT_SETTINGS.cards.dwellMs);
  });

  it('keeps the valid parts of a partly broken group', () => {
    const { settings } = readSettings({ version: 2, cards: { dwellMs: 'slow', hideDelayMs: 900 } });
    expect(settings.cards.hideDelayMs).toBe(900);
    expect(settings.cards.dwellMs).toBe(300);
  });
});

describe('site rules', () => {
  it.each([
    ['example.com', undefined],
    ['*.example.com', undefined],
    ['localhost', undefined],
    ['127.0.0.1', undefined],
    ['https://example.com', /host only/],
    ['example.com/path', /host only/],
    ['exa*mple.com', /wildcard/],
    ['*.', /valid host/],
    ['bad_host!.com', /valid host/],
    [' example.com', /spaces/],
  ])('%s → %s', (pattern, problem) => {
    const found = hostPatternProblem(pattern);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });

  it('matches a host, its www, and with a wildcard every subdomain', () => {
    expect(hostMatches('example.com', 'example.com')).toBe(true);
    expect(hostMatches('example.com', 'www.example.com')).toBe(true);
    expect(hostMatches('example.com', 'news.example.com')).toBe(false);
    expect(hostMatches('*.example.com', 'news.example.com')).toBe(true);
    expect(hostMatches('*.example.com', 'example.com')).toBe(true);
    expect(hostMatches('*.example.com', 'badexample.com')).toBe(false);
  });

  it('lets an always-off rule win, then always-on, then the article test', () => {
    const settings = { ...defaults(), sites: { alwaysOff: ['*.example.com'], alwaysOn: ['news.example.com', 'blog.org'], onlyArticles: true } };
    expect(runsOn(settings, 'news.example.com', () => true)).toBe(false);
    expect(runsOn(settings, 'blog.org', () => false)).toBe(true);
    expect(runsOn(settings, 'other.org', () => false)).toBe(false);
    expect(runsOn(settings, 'other.org', () => true)).toBe(true);
  });

  it('switches a site off and on again, replacing the rules that named it', () => {
    const off = withSite(defaults(), 'news.example.com', false);
    expect(off.sites.alwaysOff).toEqual(['news.example.com']);
    expect(runsOn(off, 'news.example.com', () => true)).toBe(false);
    const on = withSite(off, 'news.example.com', true);
    expect(on.sites.alwaysOff).toEqual([]);
    expect(runsOn(on, 'news.example.com', () => false)).toBe(true);
  });
});
