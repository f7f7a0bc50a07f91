import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractQuotes } from "../../../src/core/analysis/quotes.js";
import { prepareText } from "../../../src/core/text/prepare.js";

const quotesOf = (text: string) => extractQuotes(prepareText(text, { detectTitle: false }));
const pairs = (text: string) => quotesOf(text).map((q) => [q.quote, q.speaker]);

describe("quote extraction and attribution", () => {
  it.each([
    [
      "X said",
      '"The bridge will open in May," Maria Lopez said.',
      [["The bridge will open in May,", "Maria Lopez"]],
    ],
    [
      "said X with a title",
      '"We will not back down," said Sen. Tom Hale of Ohio.',
      [["We will not back down,", "Tom Hale"]],
    ],
    [
      "told",
      '"Prices are too high," Ana Ruiz told reporters on Friday.',
      [["Prices are too high,", "Ana Ruiz"]],
    ],
    [
      "colon before the quote",
      'Mayor Dan Cole said: "The vote is final."',
      [["The vote is final.", "Dan Cole"]],
    ],
    ["according to", '"It was a mistake," according to Paul Ng.', [["It was a mistake,", "Paul Ng"]]],
    [
      "appositive role before the name",
      '"Not now," city council spokesman Rick Barr said flatly.',
      [["Not now,", "Rick Barr"]],
    ],
    [
      "interrupted quote",
      '"We tried," Lena Park said, "but it failed."',
      [
        ["We tried,", "Lena Park"],
        ["but it failed.", "Lena Park"],
      ],
    ],
    [
      "unnamed source kept as written",
      '"There is no deal yet," a senior European diplomat said.',
      [["There is no deal yet,", "a senior European diplomat"]],
    ],
  ])("%s", (_name, text, expected) => {
    expect(pairs(text)).toEqual(expected);
  });

  it.each([
    [
      "a mistyped opening mark used to close",
      "The vote is near.\n\n\u201CIt would be a problem,\u201C said Rosa Diaz, a city councillor.",
      "Rosa Diaz",
    ],
    [
      "a signature line after a quote-only paragraph",
      'The claims were checked.\n\n"Wages are the best in the world."\n\n- Omar Haddad.\n\nThe data is old.',
      "Omar Haddad",
    ],
    [
      "a lead-in paragraph with an introductory phrase",
      "In response to the storm, county executive Lena Ortiz issued the following statement:\n\n\u201COur hearts go out to the families.\u201D",
      "Lena Ortiz",
    ],
    [
      "the name before a long appositive that holds other names",
      'Lina Ortega, a Green Party delegate from Portland who has worked for years as the elected head of the Oregon Farmers Union, said: "We will not wait."',
      "Lina Ortega",
    ],
    [
      "the name before an unclosed lowercase appositive",
      'Sam Reyes, president and CEO of Lakeside Grocers Association stated, "It is a math problem."',
      "Sam Reyes",
    ],
    ["the name before a party tag", 'Sen. Carl Webb, R-Ohio, said, "The bill is dead."', "Carl Webb"],
    [
      "the nearest name in front of a relative clause",
      'Of the mayor, Ortiz, who has given money to Dana Price, said, "She is a fine leader."',
      "Ortiz",
    ],
    [
      "a subject after an introductory phrase that ends in a place name",
      'At the meeting in Hudson, Ohio Monday, the farm manager retorted: "Nobody asked us."',
      "the farm manager",
    ],
    [
      "a surname that ends like an adverb",
      'Her husband, astronaut Mark Kelly, spoke next.\n\n"Elections matter," Kelly said.',
      "Mark Kelly",
    ],
    [
      "a name with a capitalised descriptor in front",
      'Comedian Sarah Wills took the stage. "I am proud to be here," Comedian Sarah Wills said.',
      "Sarah Wills",
    ],
    [
      "the words before a quote that closes its sentence, not the next sentence",
      'Asked about bias, Dana Ruiz said, "We have a severe problem." The star then recalled a visit to a cinema in Ohio that left her shaken.',
      "Dana Ruiz",
    ],
    [
      "a subject who told someone, not the listener",
      'On the topic, chapter president Luis Ortiz told The Daily Planet: "A lot of people assume the worst."',
      "Luis Ortiz",
    ],
    [
      "a document that speaks",
      'The group wrote to members on Monday.\n\nThe email goes on to say: "The new rules will hurt every family here."',
      "the email",
    ],
    [
      "an office that speaks, as the article gives it",
      'Sen. Dana Vitt opposed the bill. His office put out a statement saying the state "cannot properly check every new arrival."',
      "his office",
    ],
    [
      "a quote ending in a nested quotation, attributed in the next sentence",
      "\"She asked us, 'What can I do?'\" Weaver said.",
      "Weaver",
    ],
    [
      "a colon lead-in after a long opening phrase",
      'Asked whether the island nation would sue over the collapse of the trade deal, Ruiz fired back: "Nobody sues a friend."',
      "Ruiz",
    ],
    [
      "a colon lead-in with a party tag",
      'Senate Majority Leader Mitch Dale, R-Ky., delivered a blunt message: "Change course."',
      "Mitch Dale",
    ],
    [
      "a verb-first attribution after a conjunction",
      'But, said Solovey, "I do not want a fight."',
      "Solovey",
    ],
    [
      "a speaker with a time after the name",
      'Priebus later Thursday told Fox News: "We will talk."',
      "Priebus",
    ],
    [
      "a quote-only paragraph after a paragraph of reported speech",
      'The plan was announced in May. Then, in June, Kerry said that 100,000 would be accepted.\n\n"That adds up to 185,000 over two years."',
      "Kerry",
    ],
    [
      "'it' to the document named just before",
      'Thursday\'s memo from the panel seemed aimed at defending the inquiry.\n\n"So far, 59 of the 75 witnesses had never been interviewed," it stated.',
      "Thursday's memo from the panel",
    ],
    ["the owner of a response", 'Clinton\'s response was: "Is the store in Ohio or Wisconsin?"', "Clinton"],
    ["the one who put it so", 'As Vulture put it, "Hello, it is the new star."', "Vulture"],
    [
      "a lead-in sentence ending in an adjunct",
      'Sam Lau, the communications director for the state party said in a statement. "The count was fair."',
      "Sam Lau",
    ],
    [
      "the subject of a colon lead-in, not of an earlier speech verb",
      'When Dana Holt suggested that the city would sue over the deal, Rubio fired back forcefully: "If they sue us, they will lose."',
      "Rubio",
    ],
    [
      "a source clause before a colon lead-in",
      'As the Daily Planet reported, even on Friday the mayor was refusing to call it fraud:\n\n"The mayor is still reluctant to act."',
      "Daily Planet",
    ],
    ["the owner of a post", 'From Bush\'s Facebook post: "We must overcome the divisions."', "Bush"],
    [
      "'as X, an appositive, put it:'",
      'As John Corbin, the No. 2 in the party, put it: "Nothing will change."',
      "John Corbin",
    ],
    ["a less common speech verb", '"What does it say about us?" Beck questioned.', "Beck"],
    [
      "the subject of a partial quote's sentence, not the first person named",
      'Others backed Tim Rolf on the wall, while Mike Dunn, the former governor, proposed we "stop all arrivals now" and asked for a vote.',
      "Mike Dunn",
    ],
    [
      "the sentence's subject, not the name a later clause's speech verb reports on",
      'State Senator Ann Roe used to back Tim Rolf, but now said Dan Cole had "the votes and the plan to finish the bridge."',
      "Ann Roe",
    ],
    ["a present-tense claim", 'The ad claims "the senator voted against every tax cut."', "the ad"],
    [
      "a speech word used as a noun after a determiner",
      'The campaign later added the claims "were never true, not once."',
      "the campaign",
    ],
    [
      "the name before a relative pronoun that speaks",
      'Among the replies to Mayor Tom Hale was this tweet from Dana Pell who tweeted, "The council never listens to the east side."',
      "Dana Pell",
    ],
    [
      "the one a question was asked by, in the passive",
      'Mayor Ann Roe was asked by host Dan Cole, who backs her opponent, "Will you raise the bridge tolls next year?"',
      "Dan Cole",
    ],
    [
      "…a description, up to what was asked",
      'Mayor Ann Roe was asked by a reporter whether she would run: "Will you run for a third term next year?"',
      "a reporter",
    ],
    [
      "an unnamed source with capitalised modifiers, relative clause kept",
      '"We are standing up for our people," said a Mexican official who was not authorized to speak publicly.',
      "a Mexican official who was not authorized to speak publicly",
    ],
    [
      "an unnamed source whose relative clause names someone",
      '"If I was a donor, I would want answers," said a prominent party member who supports Trump.',
      "a prominent party member who supports Trump",
    ],
    [
      "a title still waiting for its name across 'and'",
      '"That is what he did," said former Pennsylvania Gov. and party Chairman Ed Randall.',
      "Ed Randall",
    ],
    [
      "a colon lead-in ending in an object, not the object",
      'Senate Majority Leader Mitch Dale, R-Ky., delivered a blunt message to Trump: "Change course."',
      "Mitch Dale",
    ],
    [
      "a name and a colon after a role",
      'The surge does not surprise Republican pollster Daron Shaw: "Outsiders win."',
      "Daron Shaw",
    ],
    ["'according to X:'", 'According to HuffPo: "The senator has a mixed record."', "HuffPo"],
  ])("attributes %s", (_name, text, speaker) => {
    expect(quotesOf(text).map((q) => q.speaker)).toEqual([speaker]);
  });

  it("attributes the sentence's subject, not the subject of a clause a conjunction opens after the quote", () => {
    const text =
      'Critics, including Councilwoman Ana Ortiz, said the plan was "a giveaway to the developers," but Mayor Tom Hale called it "the best deal we could get."';
    expect(pairs(text)).toEqual([
      ["a giveaway to the developers,", "Critics"],
      ["the best deal we could get.", "Tom Hale"],
    ]);
  });

  it("resolves pronouns to the right earlier person, by gender", () => {
    const text =
      'Maria Lopez met Tom Hale on Monday. "It went well," she said. "We agreed on a lot," he added.';
    expect(pairs(text)).toEqual([
      ["It went well,", "Maria Lopez"],
      ["We agreed on a lot,", "Tom Hale"],
    ]);
  });

  it.each([
    [
      "a new person introduced as the subject just before",
      'Governor Ana Cole said the audit was done. "It was fair," she said.\n\nFormer federal prosecutor Lea Marsh said it was not surprising.\n\n"They are within the scope of the inquiry," she said.',
      "Lea Marsh",
    ],
    [
      "the subject after a long introductory clause",
      'Tom Hale spoke first. "We lost," he said.\n\nAsked whether there had been any fraud in the count, Carl Webb, Hale\'s spokesman, suggested the rules were unfair.\n\n"Most counties tried hard," he said.',
      "Carl Webb",
    ],
    [
      "a surname shared by two people, by gender",
      'Donna Pratt and her husband Gary Pratt run the farm. "We are tired," Gary Pratt said. The bank sent Sarah Lee, a lawyer.\n\nThe loan was late. Lee wrote twice. Pratt was blunt about the bank. "I really got angry," she said.',
      "Donna Pratt",
    ],
    [
      "a lone surname first read as an organisation",
      '"Nothing is settled," Adler said.\n\nTed Lund, an analyst, called the plan a start. The report was long and dull. Lund wrote it in June.\n\nAnd Adler, for all his doubts, seems to agree. "We do not yet know what works," he said.',
      "Adler",
    ],
    [
      "the person in the body, not a Title Case headline",
      'Mayor Claims Budget Deal Best Ever For City Schools\n\nThe vote came late on Tuesday night. One of the claims of Mayor Tom Ruiz was widely doubted. He told the council: "Nobody has done more for the schools."',
      "Tom Ruiz",
    ],
    [
      "the subject of reported speech after the last quote",
      'Mayor Paul Ryde spoke first. "We are ready," Ryde said.\n\nRyde told a news conference the plan was sound.\n\nCouncil member Lee Chan of Dover, a Ryde ally, said it would help both sides if they talked.\n\n"I do not think it is do or die," he said.',
      "Lee Chan",
    ],
    [
      "a name followed by a discourse word",
      'Ash Dorn spoke. "Fine," Dorn said. Carter however said: "No way."',
      "Carter",
    ],
    [
      "a surname that opens its sentence and is tagged as an adjective",
      'The plan split the panel, with Ron Vance against it and David Jolly for it. "It is a waste," Vance said.\n\nJolly, who was elected in 2014, does not see the agency as outdated.\n\n"There are towns that need it," he said.',
      "David Jolly",
    ],
    [
      "a surname used only once, opening a sentence before a verb",
      'Moderator Dana Muir asked each candidate to pick a winner. Kip Vance named the Broncos. "Denver," Vance said. The crowd laughed.\n\nCarson openly admitted that his pick was about the primary. "With an eye to March," he said.',
      "Carson",
    ],
    [
      "the speaker, not the owner opening the next sentence",
      'The survey came out on Monday.\n\nKip Vance\'s misinformation may be "strategic," said Jeffery Hemsley, a professor at Syracuse.\n\n"Each candidate talks to the base," he said.',
      "Jeffery Hemsley",
    ],
    [
      "a person introduced with role words before the name",
      'Kip Hale backed the plan. Hale said: "It works."\n\nJust a few months ago, Florida developer Mel Sembler expressed dismay at the idea.\n\n"I was not happy," he said.',
      "Mel Sembler",
    ],
    [
      "a person introduced by 'there's'",
      'Kip Hale backed the plan. Hale said: "It works." Critics disagreed.\n\nThen there\'s David Axelrod.\n\n"You are an all-star player," he wrote.',
      "David Axelrod",
    ],
    [
      "a person whose first name the tagger reads as a verb",
      '"It is arbitrary," Kip Sanders said of the suspension. Josh Hendler, a party tech operative, warned Saturday that the move could damage trust.\n\n"The stakes are higher than the fight of the day," he wrote in a blog post.',
      "Josh Hendler",
    ],
  ])("resolves a pronoun to %s", (_name, text, speaker) => {
    expect(
      quotesOf(text)
        .map((q) => q.speaker)
        .pop(),
    ).toBe(speaker);
  });

  it("gives a quote to the speech verb before it when the clause after it leads into the next quote", () => {
    const text =
      'When someone in the audience shouted, "Marsh," Tom Reyes joked, "Come on up and join us right now!"';
    expect(quotesOf(text).map((x) => x.speaker)).toEqual(["someone in the audience", "Tom Reyes"]);
  });

  it("takes the head of a subject, not the name inside its participle phrase", () => {
    const text =
      'Another intelligence source speaking to Channel Nine said, "The agents are looking at the donations."';
    expect(quotesOf(text).map((x) => x.speaker)).toEqual(["another intelligence source"]);
  });

  it("reads a participle after a quote as a clause, not as an inverted attribution", () => {
    const text =
      'Ann Marsh has delivered a defense of "small-town values," saying the city embodied the "heart and soul of the state."';
    const speakers = quotesOf(text).map((x) => x.speaker);
    expect(speakers.length).toBeGreaterThan(0);
    expect(speakers.every((s) => s === "Ann Marsh")).toBe(true);
  });

  it("takes a short lead-in sentence in the present tense as the next quote's attribution", () => {
    const text =
      '"We will win the county," Dana Roe said.\n\nOr maybe not, pollster Ian Marsh says. "The numbers have not moved since May."';
    expect(quotesOf(text).map((x) => x.speaker)).toEqual(["Dana Roe", "Ian Marsh"]);
  });

  it("does not link a description back to a phrase that only ends in its noun", () => {
    const text =
      'Critics call her record one of her qualifications to be president.\n\n"We got a mandate and we built a coalition," the president said.';
    expect(quotesOf(text).map((x) => x.speaker)).toEqual(["the president"]);
  });

  it("links a definite description back to the unnamed source introduced earlier", () => {
    const text =
      'One senior Treasury adviser said the plan was sound.\n\n"It will hold," the adviser said.\n\n"Nobody doubts it."';
    const q = quotesOf(text);
    expect(q.map((x) => x.speaker)).toEqual(["one senior Treasury adviser", "one senior Treasury adviser"]);
  });

  it("gives a lead-in to the next quote to that quote, not the previous one", () => {
    const text =
      '"We have two new shops," said Dan Gale, a retiree. "Nobody expected that." Perhaps, he said, this "town has grown too fast."';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(["Dan Gale", "Dan Gale", "Dan Gale"]);
  });

  it("does not take reported speech in the next sentence as the attribution", () => {
    const text =
      '"It is a sad day," Ted Cole told reporters. "We will fight on." Ohio Gov. John Kaye said he would have fired the aide.';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(["Ted Cole", "Ted Cole"]);
  });

  it("continues a speaker that is not a person with 'it'", () => {
    const text =
      '"We never sold it," the company wrote in its statement. It added, "The listing was removed."';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(["the company", "the company"]);
  });

  it("continues the previous speaker in a quote-only paragraph", () => {
    const text = '"We are ready," Coach Amy Reed said.\n\n"The team has worked all year."';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(["Amy Reed", "Amy Reed"]);
  });

  it("gives the writer's own words ('I said') to no one, not to the previous speaker", () => {
    const text =
      'The judge turned to me. "Explain why you are here," Judge Ray Holt said.\n\nI was not off to a good start. "Okay," I said. "I came here as a student."';
    expect(quotesOf(text).map((q) => q.speaker)).toEqual(["Ray Holt", null, null]);
  });

  it("leaves scare quotes and titles out", () => {
    const text = 'The so-called "peace dividend" never came. She starred in "The Long Night" last year.';
    expect(quotesOf(text)).toEqual([]);
  });

  it("keeps an unbalanced quote mark inside its paragraph", () => {
    const text = 'He said "this never closes.\n\nThe next paragraph is plain narration about the budget.';
    const q = quotesOf(text);
    expect(q.length).toBeLessThanOrEqual(1);
    for (const x of q) expect(x.quote).not.toContain("budget");
  });

  it("reports quotes verbatim from the input, curly marks and all", () => {
    const input = "\u201CIt\u2019s looking tough,\u201D Joe Doe told reporters.";
    const [q] = quotesOf(input);
    expect(q.quote).toBe("It\u2019s looking tough,");
    expect(input).toContain(q.quote);
  });

  it("finds every quote of the fixture article with the right speaker", () => {
    // test/fixtures/biden-netanyahu-cnn.txt: see test/fixtures/SOURCES.md
    const text = readFileSync(new URL("../../fixtures/biden-netanyahu-cnn.txt", import.meta.url), "utf8");
    const q = extractQuotes(prepareText(text));
    const who = (fragment: string) => q.find((x) => x.quote.includes(fragment))?.speaker;
    expect(who("looking tough")).toBe("Joe Biden");
    expect(who("I sure am")).toBe("Joe Biden");
    expect(who("hot mic")).toBe("Joe Biden");
    expect(who("No,")).toBe("John Kirby");
    expect(who("There have been frustrations")).toBe("a senior administration official");
    expect(who("We pressured them")).toMatch(/senior Biden adviser/i);
    expect(who("younger senator met Bibi")).toMatch(/senior Biden adviser/i);
    expect(who("honest and direct")).toMatch(/National Security Council spokesperson/);
    expect(q.find((x) => x.quote.includes("No,"))?.role).toBe(
      "White House National Security Council spokesman",
    );
    // "leadership of Israel" is a scare quote inside paraphrase, not speech.
    expect(q.some((x) => x.quote === "leadership of Israel")).toBe(false);
    for (const x of q) expect(text).toContain(x.quote);
  });
});
