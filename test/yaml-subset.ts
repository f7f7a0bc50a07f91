/**
 * Reads the small YAML subset compose.yaml is written in — block maps, block lists of scalars,
 * flow lists in JSON form, quoted or plain scalars, comments — so the deployment test can check it
 * without a YAML dependency. Anything outside the subset throws, so the test fails loudly rather
 * than reading the file wrongly.
 */
export type YamlValue = string | null | YamlValue[] | { [key: string]: YamlValue };

interface Line {
  indent: number;
  text: string;
  n: number;
}

function scalar(raw: string, n: number): YamlValue {
  const s = raw.trim();
  if (s === "") return null;
  if (s.startsWith("[")) return JSON.parse(s) as YamlValue[];
  if (s.startsWith('"')) return JSON.parse(s) as string;
  if (s.startsWith("'")) return s.slice(1, -1).replace(/''/g, "'");
  if (/^[{&*!|>]/.test(s)) throw new Error(`line ${n}: YAML feature outside the subset: ${s}`);
  return s;
}

export function parseYamlSubset(text: string): YamlValue {
  const lines: Line[] = [];
  text.split("\n").forEach((raw, i) => {
    const stripped = raw.replace(/\s+#.*$/, "");
    if (/^\s*(#|$)/.test(stripped)) return;
    lines.push({ indent: raw.length - raw.trimStart().length, text: stripped.trim(), n: i + 1 });
  });
  let pos = 0;
  const block = (indent: number): YamlValue => {
    const first = lines[pos];
    if (!first || first.indent < indent) return null;
    if (first.text.startsWith("- ")) {
      const list: YamlValue[] = [];
      while (lines[pos] && lines[pos]!.indent === first.indent && lines[pos]!.text.startsWith("- ")) {
        const item = lines[pos]!;
        if (/^- [\w.-]+:( |$)/.test(item.text))
          throw new Error(`line ${item.n}: lists of maps are outside the subset`);
        list.push(scalar(item.text.slice(2), item.n));
        pos++;
      }
      return list;
    }
    const map: { [key: string]: YamlValue } = {};
    while (lines[pos] && lines[pos]!.indent === first.indent) {
      const line = lines[pos]!;
      const m = /^([\w.-]+):(?: (.*))?$/.exec(line.text);
      if (!m) throw new Error(`line ${line.n}: expected "key: value", got ${line.text}`);
      pos++;
      map[m[1]!] = m[2]?.trim() ? scalar(m[2], line.n) : block(first.indent + 1);
    }
    return map;
  };
  return block(0);
}
