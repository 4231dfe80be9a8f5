/**
 * A lenient parser for the prefix of a JSON document, for showing a streamed answer as it grows:
 * `{"title":"Pad Th` → `{ title: "Pad Th" }`. Open objects, arrays and strings are closed where the text ends;
 * a value that may still change meaning is left out (a number or literal at the very end, a key without its
 * value). Returns undefined when the text is not the start of a JSON value.
 */
const INCOMPLETE = Symbol("incomplete");
type Parsed = unknown;

class PrefixParser {
  private pos = 0;
  /** Whether the last string read ended with its closing quote. */
  private closed = false;
  constructor(private readonly text: string) {}

  parse(): Parsed {
    this.skipSpace();
    return this.value();
  }

  /** A value, or INCOMPLETE when the text ends before anything usable; throws on invalid JSON. */
  private value(): Parsed {
    const char = this.text[this.pos];
    if (char === undefined) return INCOMPLETE;
    if (char === "{") return this.object();
    if (char === "[") return this.array();
    if (char === '"') return this.string();
    return this.scalar();
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.pos++;
    for (;;) {
      this.skipSpace();
      const char = this.text[this.pos];
      if (char === undefined) return out;
      if (char === "}") {
        this.pos++;
        return out;
      }
      if (char === ",") {
        this.pos++;
        continue;
      }
      if (char !== '"') throw new SyntaxError("expected a key");
      const key = this.string();
      if (!this.closed) return out; // the key itself is cut off
      this.skipSpace();
      if (this.text[this.pos] === undefined) return out;
      if (this.text[this.pos] !== ":") throw new SyntaxError("expected a colon");
      this.pos++;
      this.skipSpace();
      const value = this.value();
      if (value === INCOMPLETE) return out;
      out[key] = value;
    }
  }

  private array(): unknown[] {
    const out: unknown[] = [];
    this.pos++;
    for (;;) {
      this.skipSpace();
      const char = this.text[this.pos];
      if (char === undefined) return out;
      if (char === "]") {
        this.pos++;
        return out;
      }
      if (char === ",") {
        this.pos++;
        continue;
      }
      const value = this.value();
      if (value === INCOMPLETE) return out;
      out.push(value);
    }
  }

  /** A string, closed at the end of the text if need be; a dangling escape sequence is dropped. */
  private string(): string {
    let out = "";
    this.closed = false;
    this.pos++;
    while (this.pos < this.text.length) {
      const char = this.text[this.pos++]!;
      if (char === '"') {
        this.closed = true;
        return out;
      }
      if (char !== "\\") {
        out += char;
        continue;
      }
      const escape = this.text[this.pos];
      if (escape === undefined) return out;
      if (escape === "u") {
        const hex = this.text.slice(this.pos + 1, this.pos + 5);
        if (hex.length < 4) {
          this.pos = this.text.length;
          return out;
        }
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 5;
        continue;
      }
      out += ESCAPES[escape] ?? escape;
      this.pos++;
    }
    return out;
  }

  /** Numbers and literals; at the end of the text they may be partial ("12" of "125", "tr"), so skipped. */
  private scalar(): Parsed {
    const token = /^(?:[-+\d.eE]+|[a-z]+)/.exec(this.text.slice(this.pos))?.[0];
    if (!token) throw new SyntaxError("unexpected character");
    this.pos += token.length;
    if (this.pos >= this.text.length) return INCOMPLETE;
    return JSON.parse(token) as unknown;
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }
}

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f" };

export function parsePartialJson(text: string): unknown {
  try {
    const value = new PrefixParser(text).parse();
    return value === INCOMPLETE ? undefined : value;
  } catch {
    return undefined;
  }
}
