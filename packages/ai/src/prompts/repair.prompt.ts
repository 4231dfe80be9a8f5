/** The second user turn of a repair call: what was wrong with the model's previous answer. */
export function repairPrompt(problems: string[]): string {
  return [
    "Your previous answer could not be used:",
    ...problems.slice(0, 20).map((p) => `- ${p}`),
    "Reply again with one complete JSON object that matches the response schema, and nothing else.",
    "If the answer was cut off, make the new one shorter.",
  ].join("\n");
}
