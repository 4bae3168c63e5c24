/**
 * A strict reader of the Prometheus text exposition format 0.0.4, for the metrics tests. It stays
 * hand-written: prom-client writes but does not parse, and parse-prometheus-text-format merges every
 * labelled series of a histogram into one (dropping `_sum`/`_count`) and reads invalid lines as samples.
 * The checks: every line must be a HELP, a TYPE, a sample, a comment or empty; samples must belong to a
 * declared family; histograms must have cumulative buckets ending at +Inf whose count equals `_count`.
 * Throws naming the offending line.
 */
export interface ParsedSample { name: string; labels: Record<string, string>; value: number }
export interface ParsedFamily { name: string; type: string; help: string; samples: ParsedSample[] }

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL_NAME = '[a-zA-Z_][a-zA-Z0-9_]*';
const LABEL_VALUE = '(?:[^"\\\\\\n]|\\\\[\\\\"n])*';
const VALUE = '(?:[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?|[+-]Inf|NaN)';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{((?:${LABEL_NAME}="${LABEL_VALUE}")(?:,${LABEL_NAME}="${LABEL_VALUE}")*,?)?\\})? (${VALUE})(?: -?\\d+)?$`);
const LABEL = new RegExp(`(${LABEL_NAME})="(${LABEL_VALUE})"`, 'g');
const HELP = new RegExp(`^# HELP (${NAME}) (.*)$`);
const TYPE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`);

export function parseExposition(text: string): Map<string, ParsedFamily> {
  if (!text.endsWith('\n')) throw new Error('The exposition must end with a newline');
  const families = new Map<string, ParsedFamily>();
  const lines = text.slice(0, -1).split('\n');
  lines.forEach((line, i) => {
    const where = `line ${i + 1}: ${line}`;
    let m: RegExpExecArray | null;
    if ((m = HELP.exec(line))) {
      const family = families.get(m[1]) ?? { name: m[1], type: '', help: '', samples: [] };
      if (family.help) throw new Error(`HELP given twice, ${where}`);
      family.help = m[2];
      families.set(m[1], family);
    } else if ((m = TYPE.exec(line))) {
      const family = families.get(m[1]) ?? { name: m[1], type: '', help: '', samples: [] };
      if (family.type) throw new Error(`TYPE given twice, ${where}`);
      if (family.samples.length) throw new Error(`TYPE after samples, ${where}`);
      family.type = m[2];
      families.set(m[1], family);
    } else if ((m = SAMPLE.exec(line))) {
      const labels: Record<string, string> = {};
      for (const l of (m[2] ?? '').matchAll(LABEL)) {
        if (l[1] in labels) throw new Error(`Label ${l[1]} repeated, ${where}`);
        labels[l[1]] = l[2].replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
      }
      const family = familyOf(families, m[1]);
      if (!family) throw new Error(`Sample of an undeclared family, ${where}`);
      family.samples.push({ name: m[1], labels, value: m[3] === '+Inf' ? Infinity : m[3] === '-Inf' ? -Infinity : Number(m[3]) });
    } else if (line.startsWith('#') || line === '') {
      // Other comments and empty lines (prom-client puts one between families) are allowed by the format.
    } else {
      throw new Error(`Not a valid exposition line, ${where}`);
    }
  });
  for (const family of families.values()) {
    if (!family.type) throw new Error(`Family ${family.name} has no TYPE`);
    if (family.type === 'histogram') checkHistogram(family);
  }
  return families;
}

function familyOf(families: Map<string, ParsedFamily>, sample: string): ParsedFamily | undefined {
  const exact = families.get(sample);
  if (exact) return exact;
  const base = sample.replace(/_(bucket|sum|count)$/, '');
  const family = families.get(base);
  return family?.type === 'histogram' || family?.type === 'summary' ? family : undefined;
}

function checkHistogram(family: ParsedFamily): void {
  const series = new Map<string, { buckets: { le: number; value: number }[]; sum?: number; count?: number }>();
  for (const s of family.samples) {
    const { le, ...rest } = s.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    const entry = series.get(key) ?? { buckets: [] };
    series.set(key, entry);
    if (s.name === `${family.name}_bucket`) {
      if (le === undefined) throw new Error(`${family.name}_bucket without le`);
      entry.buckets.push({ le: le === '+Inf' ? Infinity : Number(le), value: s.value });
    } else if (s.name === `${family.name}_sum`) entry.sum = s.value;
    else if (s.name === `${family.name}_count`) entry.count = s.value;
    else throw new Error(`Unexpected sample ${s.name} in histogram ${family.name}`);
  }
  for (const [key, s] of series) {
    if (s.sum === undefined || s.count === undefined) throw new Error(`Histogram ${family.name}${key} lacks _sum or _count`);
    if (s.buckets.at(-1)?.le !== Infinity) throw new Error(`Histogram ${family.name}${key} does not end at +Inf`);
    for (let i = 1; i < s.buckets.length; i++) {
      if (!(s.buckets[i].le > s.buckets[i - 1].le)) throw new Error(`Histogram ${family.name}${key}: le not increasing`);
      if (s.buckets[i].value < s.buckets[i - 1].value) throw new Error(`Histogram ${family.name}${key}: buckets not cumulative`);
    }
    if (s.buckets.at(-1)!.value !== s.count) throw new Error(`Histogram ${family.name}${key}: +Inf bucket ${s.buckets.at(-1)!.value} != _count ${s.count}`);
  }
}
