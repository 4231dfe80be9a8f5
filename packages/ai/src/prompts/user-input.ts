/**
 * User text only ever reaches the model inside the user content, wrapped in <user_input> tags. The system
 * instructions tell the model that whatever is inside is data, never instructions. So that a user cannot close
 * the tag (or open a fake one), angle brackets become look-alike guillemets, and control characters go.
 */
export const USER_INPUT_TAG = "user_input";

// C0 controls except tab and newline, DEL, C1 controls, and the Unicode line/paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

export function escapeUserText(text: string): string {
  return text.replace(CONTROL, " ").replace(/</g, "‹").replace(/>/g, "›");
}

/** One-line field value: escaped, with every run of whitespace collapsed to one space. */
export function inlineUserText(text: string): string {
  return escapeUserText(text).replace(/\s+/g, " ").trim();
}

export function delimit(body: string): string {
  return `<${USER_INPUT_TAG}>\n${body}\n</${USER_INPUT_TAG}>`;
}
