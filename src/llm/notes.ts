/** The short notes the user sees when the LLM was not used or its output was corrected. */
export const notes = {
  noAnswer: "summary without LLM: the model did not answer",
  refused: "summary without LLM: the model declined to summarise this article",
  unusable: "summary without LLM: the model's answer was not usable",
  overBudget: (budget: number) =>
    `summary without LLM: today's LLM token budget (${budget.toLocaleString("en")} tokens) is used up`,
  tooLittleSurvived: (dropped: number, proposed: number) =>
    proposed === 0
      ? "summary without LLM: the model returned an empty brief"
      : `summary without LLM: ${dropped} of ${proposed} items the model wrote did not match the article`,
  replaced: (dropped: number) =>
    `LLM brief checked against the article: ${dropped} ${dropped === 1 ? "item" : "items"} that did not match the text ${dropped === 1 ? "was" : "were"} replaced`,
  answerNoLlm: "answer without LLM: the model did not answer",
  answerUnverified: "answer without LLM: the model's answer did not match the story",
  answerOverBudget: (budget: number) =>
    `answer without LLM: today's LLM token budget (${budget.toLocaleString("en")} tokens) is used up`,
} as const;

export const NOT_IN_STORY = "not in the story";
