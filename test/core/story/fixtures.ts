/** Constructed reports (invented town, people and events) for the story tests. */

export const bridgeOutletA = {
  title: "Harbour bridge reopens after six months of repairs",
  text: `The Harbour Bridge in Porto Vale reopened to traffic on Tuesday after six months of repairs that cost 40 million euros.

"We are proud of the crews who worked through the winter," Mayor Ana Lopes said as she crossed the bridge on foot.

Engineers replaced the steel cables and resurfaced the deck, which storms damaged last autumn. Traffic should return to normal by the end of the week, the transport office said.

Residents said the closure had doubled their commute. Will the repaired cables last longer than the old ones?`,
  entities: ["Harbour Bridge", "Porto Vale", "Ana Lopes", "Lopes"],
};

export const bridgeOutletB = {
  title: "Porto Vale's harbour bridge open again as repairs finish",
  text: `Cars crossed the harbour bridge in Porto Vale again on Tuesday morning, as six months of repairs to its cables and deck came to an end.

Mayor Ana Lopes walked across the reopened bridge. "We are proud of the crews who worked through the winter," she said, thanking the engineers.

The repairs, which cost the city about 40 million euros, replaced steel cables damaged by autumn storms and resurfaced the deck. Commuters had faced long detours during the closure.`,
  entities: ["Porto Vale", "Ana Lopes", "Lopes"],
};

export const schoolsSamePeople = {
  title: "Porto Vale mayor announces school budget",
  text: `Mayor Ana Lopes of Porto Vale announced on Wednesday a plan to spend 12 million euros on new classrooms and teachers for the city's primary schools.

"Every child deserves a seat in a classroom that is not overcrowded," Lopes told the council, adding that three new schools would open by 2027.

Teachers' unions welcomed the plan but said salaries also needed to rise. The council will vote on the budget next month.`,
  entities: ["Ana Lopes", "Lopes", "Porto Vale"],
};
