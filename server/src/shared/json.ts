// JSON bodies are parsed with decimal literals kept as text: {"amount": 99.99} reaches the
// schema as "99.99", so money never passes through a binary float. Integers stay numbers.
export function parseJsonKeepingDecimals(text: string): unknown {
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      // Copy a string literal verbatim, honouring escapes.
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      let j = i + 1;
      while (j < n && /[0-9.eE+-]/.test(text[j])) j++;
      const literal = text.slice(i, j);
      out += /[.eE]/.test(literal) && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(literal) ? `"${literal}"` : literal;
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return JSON.parse(out);
}
