import { councilArticle, idOf, prepared } from "./helpers.js";

/** The council article, its sentence ids, and the brief a good model would write for it. */
export const p = prepared(councilArticle);
export const ids = {
  vote: idOf(p, "voted 7-2"),
  mayor: idOf(p, "This bridge will"),
  construction: idOf(p, "Construction is expected"),
  opponents: idOf(p, "Opponents warned"),
  evans: idOf(p, "budgets double"),
  shah: idOf(p, "More people walking"),
  unclear: idOf(p, "remains unclear"),
};

export const goodBrief = {
  keyPoints: [
    {
      text: "The city council voted 7-2 to approve a $45 million bridge across the Avon River.",
      sentences: [ids.vote],
    },
    {
      text: "Construction is expected to begin in March and take about three years.",
      sentences: [ids.construction],
    },
    { text: "Opponents warned that the cost of the bridge could rise.", sentences: [ids.opponents] },
  ],
  quotes: [
    {
      quote: "This bridge will finally connect the two halves of our city,",
      speaker: "Jane Holloway",
      role: "Mayor",
      sentence: ids.mayor,
    },
    {
      quote: "We have seen budgets double on projects like this",
      speaker: "Mark Evans",
      role: "councillor",
      sentence: ids.evans,
    },
    {
      quote: "More people walking past means more customers.",
      speaker: "Priya Shah",
      role: null,
      sentence: ids.shah,
    },
  ],
  openQuestions: [{ question: "How will the city cover any cost overruns?", sentences: [ids.unclear] }],
};
