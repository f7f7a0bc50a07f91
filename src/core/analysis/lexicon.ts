/**
 * Word lists for attribution and entity typing. General English news vocabulary, not tuned to any
 * article: speech verbs, titles and roles, organisation words, and a small gazetteer of places.
 */

const words = (s: string) => new Set(s.trim().split(/\s+/));

/** Verbs that introduce speech (base and inflected forms). */
export const SPEECH_VERBS = words(`
say says said saying tell tells told add adds added acknowledge acknowledges acknowledged
write writes wrote explain explains explained noted ask asks asked continue continues continued
argue argues argued insist insists insisted stated declare declares declared tweeted
posted replied respond responds responded warn warns warned recall recalls recalled
concede concedes conceded admit admits admitted claim claims claimed suggest suggests suggested
remarked observe observes observed announce announces announced joked
quipped complain complains complained stressed emphasize emphasizes emphasized
emphasise emphasises emphasised caution cautions cautioned predict predicts predicted conclude concludes
concluded countered boast boasts boasted vowed promised urge urges
urged contend contends contended maintain maintains maintained assert asserts asserted allege alleges alleged
agree agrees agreed affirm affirms affirmed confirm confirms confirmed deny denies denied mused muse muses
shout shouts shouted yell yells yelled cry cries cried whisper whispers whispered exclaim exclaims exclaimed
testify testifies testified reported describe describes described called
tell told reiterate reiterates reiterated elaborate elaborates elaborated lament laments lamented
charged proclaim proclaims proclaimed retort retorts retorted scoff scoffs scoffed
sigh sighs sighed snap snaps snapped thunder thunders thundered insisted echo echoes echoed
opine opines opined reacted answered answers pressed demanded interjected pleaded begged texted emailed screamed chanted mocked teased sniped chimed quizzed wondered write writes wrote tweeting saying telling adding noting writing explaining
stating asking arguing insisting warning responding replying telling
questioned exhorted proposed proposes
`);

/** Speech verbs that need a following clue to be speech ("called it …", "described it as …"). */
export const WEAK_SPEECH_VERBS = words(
  "call calls called describe describes described report reports reported",
);

/** Titles and honorifics that precede a name and are not part of it. */
export const TITLES = words(`
Mr Mr. Mrs Mrs. Ms Ms. Miss Mx Dr Dr. Prof Prof. Sen Sen. Sens. Rep Rep. Reps. Gov Gov. Gen Gen. Lt Lt. Col Col.
Maj Maj. Capt Capt. Adm Adm. Sgt Sgt. Rev Rev. Hon Hon. Sir Dame Lord Lady President Vice Senator Governor
Secretary Speaker Representative Congressman Congresswoman Mayor Judge Justice Chancellor Minister Premier
Ambassador Chairman Chairwoman Chair Director Commissioner Attorney General Chief Prime King Queen Prince
Princess Pope Cardinal Bishop Rabbi Imam Sheikh Coach Officer Sheriff Deputy Detective Inspector Sergeant
Captain Colonel Major Lieutenant Admiral Professor Doctor Former Leader Majority Minority Whip Spokesman
Spokeswoman Spokesperson Candidate Nominee Executive CEO Founder Chief Editor Correspondent Analyst Pastor
Councilman Councilwoman Councillor Assemblyman Assemblywoman Delegate Treasurer Comptroller Auditor Trustee
Superintendent Provost Dean Chancellor Sen.-elect President-elect Gov.-elect Mr.Trump
Sec. Asst. Amb. Atty. Supt. Det. Insp. Cmdr. Cpl. Pvt. Fr. Pres.
`);

/**
 * Capitalised words that describe a person in front of their name without being a title: party,
 * trade, standing ("Democrat Hillary Clinton", "Actor Clint Howard", "Senior Adviser Sidney
 * Blumenthal"). Words that are also common surnames (King, Young, Bishop) are left out.
 */
export const DESCRIPTORS = words(`
Democrat Republican Independent Libertarian Billionaire Millionaire Businessman Businesswoman Actor Actress
Comedian Singer Rapper Musician Songwriter Novelist Filmmaker Producer Entrepreneur Investor Mogul Tycoon
Magnate Strategist Pollster Adviser Advisor Aide Senior Activist Anchor Columnist Commentator Journalist
Reporter Economist Historian Lawyer Astronaut Hopeful Frontrunner Front-runner Challenger Incumbent
Contender Superstar Legend Socialite Philanthropist Televangelist Evangelist Blogger Podcaster Broadcaster
Lobbyist Operative Consultant Donor Organizer Organiser Protester Spokesman Spokeswoman Pundit Host Star
`);

/** Things that speak for someone in print: "The email goes on to say:", "His office said". */
export const SOURCE_NOUNS = words(`
email emails ad ads advertisement commercial spot report statement letter memo tweet post release website
site message campaign office team transcript headline footnote study survey poll ruling order complaint
filing document book memoir editorial column video petition platform page note sign banner poster placard
`);

/** Lowercase nouns that name a role; used for unnamed sources and appositives ("the adviser"). */
export const ROLE_NOUNS = words(`
official officials spokesman spokeswoman spokesperson spokespeople adviser advisers advisor advisors aide aides
source sources official president minister secretary senator governor mayor chairman chairwoman chair director
commissioner ambassador diplomat lawmaker lawmakers representative congressman congresswoman candidate nominee
strategist analyst economist expert experts researcher researchers scientist scientists professor lawyer
attorney attorneys prosecutor prosecutors judge justice officer officers police detective investigator
investigators leader leaders executive executives founder chief head member members manager coach player
worker workers resident residents voter voters supporter supporters critic critics activist activists
organizer organizers protester protesters witness witnesses victim victims father mother son daughter wife
husband brother sister friend neighbor neighbour owner doctor nurse teacher student students pollster
pollsters operative operatives consultant consultants staffer staffers insider insiders observer observers
historian author writer reporter journalist editor columnist commentator host anchor chancellor premier
king queen prince pope bishop general colonel captain sergeant soldier soldiers veteran veterans delegate
delegates donor donors campaign spokesperson negotiator negotiators envoy counterpart rival ally allies
partner partners person people man woman men women official's
`);

/** Words that mark a capitalised span as an organisation. */
export const ORG_WORDS = words(`
Council Department Ministry House Senate Congress Parliament Party Committee Commission Agency Administration
University College School Institute Foundation Association Union Bank Court Corporation Corp Corp. Inc Inc.
Company Co Co. Group Network News Times Post Journal Tribune Herald Press Review Magazine Radio Television
TV Club League Federation Organization Organisation Office Bureau Service Services Board Authority Fund Trust
Center Centre Campaign Cabinet Army Navy Force Forces Police Guard Command Church Hospital Council
Caucus Coalition Alliance Institution Institutions Society Brookings Heritage Council Democratic Republican Conservative Labour Liberal Greens Movement Front Reuters Ltd LLC PLC Airlines Motors Labs Media Studios Pentagon Tower Building Hall Stadium Hotel Street Avenue Square Park Bridge Airport Station Plaza Capitol Train
Kremlin Security Intelligence Treasury Department Democrats Republicans GOP Fed Reserve Exchange Commission
Convention Conference Summit War Debate Games Olympics Festival Forum Expo Act Amendment Treaty Accord Accords
`);

/** Common places: countries, US states (and their news abbreviations: "Fla."), large cities and regions. */
export const PLACES = words(`
Afghanistan Albania Algeria Argentina Armenia Australia Austria Azerbaijan Bahrain Bangladesh Belarus Belgium
Bolivia Bosnia Brazil Bulgaria Cambodia Cameroon Canada Chile China Colombia Congo Croatia Cuba Cyprus Czechia
Denmark Ecuador Egypt England Estonia Ethiopia Europe Finland France Gaza Georgia Germany Ghana Greece Haiti
Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Japan Jordan Kazakhstan Kenya Korea
Kosovo Kuwait Latvia Lebanon Libya Lithuania Luxembourg Malaysia Mali Mexico Moldova Mongolia Morocco
Myanmar Nepal Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan Palestine Panama Paraguay Peru
Philippines Poland Portugal Qatar Romania Russia Rwanda Scotland Senegal Serbia Singapore Slovakia Slovenia
Somalia Spain Sudan Sweden Switzerland Syria Taiwan Tanzania Thailand Tunisia Turkey Uganda Ukraine Uruguay
Uzbekistan Venezuela Vietnam Wales Yemen Zambia Zimbabwe Africa Asia America Americas Antarctica Arctic
US U.S. USA UK U.K. Britain EU Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida
Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota
Mississippi Missouri Montana Nebraska Nevada Hampshire Jersey Ohio Oklahoma Oregon Pennsylvania Rhode
Carolina Dakota Tennessee Texas Utah Vermont Virginia Washington Wisconsin Wyoming London Paris Berlin Moscow
Beijing Tokyo Delhi Jerusalem Tel Aviv Cairo Kyiv Kiev Brussels Rome Madrid Vienna Warsaw Geneva Baghdad
Tehran Kabul Damascus Beirut Istanbul Ankara Seoul Pyongyang Manila Jakarta Sydney Toronto Ottawa Chicago
Boston Philadelphia Atlanta Miami Houston Dallas Denver Seattle Detroit Baltimore Phoenix Manhattan Brooklyn
Los Angeles San Francisco Francisco Diego Hollywood Silicon Valley Midwest Ramallah Rafah Khan Yunis Hong Kong
United States Kingdom Emirates Arab East West North South New York Mexico Shanghai Dubai Riyadh Doha Mumbai Lagos Nairobi Johannesburg Havana Caracas Bogota Lima Ukraine Crimea
Donbas Kharkiv Odesa Taipei Gulf Mediterranean Atlantic Pacific West Bank Sinai Golan Camp David
Ala. Ariz. Ark. Calif. Colo. Conn. Fla. Ga. Ill. Kan. Ky. La. Md. Mass. Mich. Minn. Mo. Mont. Neb. Nev.
N.H. N.J. N.M. N.Y. N.C. N.D. Okla. Ore. Pa. R.I. S.C. S.D. Tenn. Tex. Vt. Va. Wash. W.Va. Wis. Wyo.
`);

/** Words of PLACES that only name a place together with another ("Camp David", "New York"). */
export const PLACE_PARTS = words(`
Camp David Khan Yunis Tel Aviv Silicon Valley Los Angeles San Francisco Diego United Kingdom Arab East West
North South New York Bank Hong Kong Rhode Hampshire Jersey Carolina Dakota Emirates States Golan Sinai
`);

/** First names with a clear gender, for he/she agreement. Short lists: unknown names stay neutral. */
export const MALE_NAMES = words(`
John James Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony Mark
Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey Ryan Jacob Gary
Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander Frank Patrick
Raymond Jack Dennis Jerry Tyler Aaron Jose Adam Nathan Henry Douglas Zachary Peter Kyle Noah Ethan Jeremy Walter
Christian Keith Roger Terry Austin Sean Gerald Carl Harold Dylan Arthur Lawrence Jordan Jesse Bryan Billy Bruce
Gabriel Joe Logan Alan Juan Albert Willie Elijah Wayne Randy Vincent Mason Roy Ralph Bobby Russell Bradley Philip
Eugene Barack Bernie Ted Marco Jeb Rand Mitt Mike Chris Newt Rick Ben Bill Lindsey Mitch Chuck Vladimir
Xi Emmanuel Boris Olaf Recep Narendra Justin Volodymyr Benny Yair Antony Lloyd Jake Hunter Jim Tim Tom Dick
Bob Rob Steve Pete Greg Dan Dave Jon Ron Ken Jeff Kirk Rudy Reince Sean Stephen Jared Rex Hakeem Kevin Matt
Benjamin Bibi Ehud Ariel Shimon Yitzhak Moshe Avigdor Naftali Isaac Abdullah Mohammed Muhammad Ahmed Ali Omar
Hassan Hussein Mahmoud Ismail Yahya Khalid Ibrahim Sergei Dmitry Alexei Ivan Igor Pierre Jean Jacques Francois
Hans Klaus Friedrich Wolfgang Angelo Giuseppe Carlos Luis Miguel Pedro Jorge Manuel
Josh Joshua Nick Nate Sam Andy Tony Alex Max Ted Ed Eddie Fred Freddy Glen Glenn Lee Leon Lou Marc Neil
Phil Ray Rick Rich Rod Roy Russ Sid Stan Todd Troy Vic Wes Will Zach Brad Brett Chad Clint Cody Colin Craig Curt
Dale Darren Dean Derek Doug Drew Duane Dwight Earl Ernie Floyd Franklin Gene Gordon Grant Hank Herb Howard Hugh
Jay Jeremiah Jim Jimmy Joel Johnny Kurt Lance Lloyd Luke Lyndon Mario Martin Marvin Maurice Mitchell Murray
Neal Nelson Norm Oliver Oscar Otis Owen Perry Preston Quentin Reggie Rex Rudy Sherrod Sheldon Spencer Stuart
Terrence Trent Trey Ty Vernon Wade Warren Wendell Wesley Wilbur Bernard Cornel Dinesh Reince Newt Mitt Marco
Rand Lindsey Orrin Harry Elijah Bobby Jesse Ash Ashton Hakeem Cory Corey Bret Tucker Sean Sebastian Ezra Barney
Lamar Lowell Angus Kareem Khizr Humayun Rahm Rush Mick Ron Karl Jeffery Dexter Florent Benard Luther Ernest
`);

export const FEMALE_NAMES = words(`
Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Betty Margaret Sandra Ashley
Kimberly Emily Donna Michelle Dorothy Carol Amanda Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia
Kathleen Amy Shirley Angela Helen Anna Brenda Pamela Nicole Emma Samantha Katherine Christine Debra Rachel
Catherine Carolyn Janet Ruth Maria Heather Diane Virginia Julie Joyce Victoria Olivia Kelly Christina Lauren
Joan Evelyn Judith Megan Cheryl Andrea Hannah Martha Jacqueline Frances Gloria Ann Teresa Kathryn Sara Janice
Jean Alice Madison Doris Abigail Julia Judy Grace Denise Amber Marilyn Beverly Danielle Theresa Sophia Marie
Diana Brittany Natalie Isabella Charlotte Rose Alexis Kayla Hillary Kamala Elizabeth Nikki Sarah Carly Michele
Kellyanne Hope Ivanka Melania Michelle Condoleezza Madeleine Angela Theresa Ursula Golda Tzipi Ayelet
Dianne Elise Kirsten Tammy Amy Maxine Ilhan Alexandria Rashida Liz Lisa Susan Jill Laura Hope Huma Donna Debbie
Marsha Cindy Joni Shelley Lindsay Megyn Katie Diane Rachel Andrea Gretchen Sheryl Janet Christine Karine Jen
Jane Betsy Becky Beth Bonnie Brooke Caitlin Carla Carmen Cecile Claire Colleen Connie Courtney Dana Dawn Dolores
Edith Eileen Elaine Ella Ellen Erica Erin Eva Faith Felicia Gail Georgia Gina Hazel Holly Ida Irene Iris Jackie
Jan Jeanne Jenny Jo Joanna Joanne Jodi Josephine Joy Juanita Kara Kate Kathy Kay Kristen Kristin Leah Leslie
Lillian Lily Lois Loretta Lorraine Louise Lucy Lynn Mae Marcia Margo Maya Meghan Melinda Mia Molly Monica Monique
Nina Nora Norma Paula Pauline Peggy Penny Phyllis Priscilla Robin Rosa Rosemary Roxanne Sally Sherry Sonia Stacy
Sue Susie Sylvia Tina Tracy Trudy Valerie Vanessa Vera Wanda Wendy Yvonne Zoe Ada Anne Annette Audrey Barbra
Caroline Chelsea Dorothea Elise Eleanor Ilyse Kellyanne Madeleine Melania Patty Renee Roberta Shonda Tiffany
`);

/** Lower-case particles inside a person's name ("Ana de la Cruz", "Mohammed bin Salman"), at most two in a row. */
export const NAME_PARTICLES = words(
  "de da das dos do del della der den di du la le van von ter ten bin ibn al el",
);

/** Pronouns that can stand for a speaker. */
export const PERSON_PRONOUNS = words("he she they He She They");

/** Capitalised words that start sentences but are not names. */
export const NOT_NAMES = words(`
The A An But And Or So Yet Still However Meanwhile Instead In On At For From With By After Before When While
If As Since Though Although Because Once Then Now Later Earlier Today Yesterday Tomorrow Last Next Some Many
Most Few Several All Both Each One Two Three This That These Those There Here It He She They We I You His Her
Its Their Our My Your Asked Even Only Also Just What Who Why How Where Which No Not Yes Privately Publicly
Obviously Good Like Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
June July August September October November December Mr Mrs Ms Dr Sen Rep Gov Gen According Despite Among
Under Over Into Through During Without Within Against Between Toward Towards Upon Amid Unlike Like Such
Another Other Every Any Much More Less Least Best First Second Third Finally Again Already Never Always Often
Indeed Perhaps Maybe Overall Nevertheless Nonetheless Moreover Furthermore Besides Otherwise Regardless
`);
