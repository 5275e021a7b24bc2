// The passwords attackers try first: the most frequent entries of public breach corpora
// (keyboard walks, digit runs, names, sports, pets, words with a year or "123" appended).
// Compiled for Docket; `isCommonPassword` also catches the usual suffixes on these bases.

/** Whole passwords seen at the top of breach frequency lists (8+ characters). */
const EXACT = `
12345678 123456789 1234567890 12345678910 123123123 1234512345 11111111 111111111 1111111111
00000000 000000000 0000000000 11223344 112233445566 12341234 12121212 123321123 1q2w3e4r
1q2w3e4r5t 1q2w3e4r5t6y 1qaz2wsx 1qaz2wsx3edc 2wsx3edc 3edc4rfv qazwsxedc qazxswedc zaq12wsx
zaq1zaq1 zxcvbnm1 zxcvbnm123 qwertyuiop qwertyui qwerty123 qwerty1234 qwerty12 qwertyu1
asdfghjkl asdfghjk asdf1234 asdfasdf qweasdzxc qweqweqwe qwe123qwe 1qazxsw2 87654321 98765432
987654321 9876543210 0987654321 abcd1234 abc12345 abcdefgh abcdefg1 a1b2c3d4 a1234567
aa123456 aaaaaaaa 123qweasd 123abc123 12qwaszx 147258369 123654789 159753852 741852963
789456123 147852369 963852741 159357456 password passw0rd p@ssw0rd p@ssword pa$$word
password1 password12 password123 password1234 password! passwort passwords mypassword
iloveyou iloveyou1 iloveyou2 iloveyou! welcome1 welcome123 letmein1 letmein123 trustno1
sunshine princess football baseball basketball superman batman123 starwars starwars1
whatever computer internet michelle jennifer jessica1 charlie1 michael1 jordan23 abc123456
liverpool chelsea1 arsenal1 manchester barcelona realmadrid babygirl babygirl1 monkey123
dragon123 master123 shadow123 freedom1 hello123 hello1234 access14 mustang1 butterfly
purple123 cookie123 chocolate blink182 spiderman loveyou1 lovelove 123456789a 12345678a
123456789q 1234567a 1234567q qwerty12345 administrator admin123 admin1234 adminadmin
root1234 toor1234 changeme changeme1 default1 guest123 test1234 testtest tester123 temp1234
secret123 letmein! summer2020 summer2021 summer2022 summer2023 summer2024 summer2025 winter2020
winter2021 winter2022 winter2023 winter2024 winter2025 spring2024 autumn2024 january1
football1 baseball1 superman1 princess1 sunshine1 starwars! pokemon1 minecraft minecraft1
fortnite1 naruto123 samsung1 iphone123 google123 facebook1 linkedin1 twitter1 qwerty!@#
!qaz2wsx 1q2w3e4r! zxcvbn123 asdfgh123 123asdasd 123qwe123 qwe12345 q1w2e3r4 q1w2e3r4t5
1a2b3c4d 5201314520 woaini1314 woaini520 aaaaaaaa1 aaaa1111 1111aaaa 1234qwer qwer1234
12344321 11112222 12312312 123456123 123456654321 135792468 13579246 24682468 31415926
3.1415926 314159265 88888888 66666666 99999999 77777777 55555555 22222222 33333333 44444444
12345678q password2 password3 superstar fuckyou1 fuckoff1 pussy123 lovely123 angel123
jesus123 jesuschrist christ123 blessed1 godisgood heaven123 nicole123 daniel123 michael12
ashley123 jessica123 hannah123 matthew1 andrew123 joshua123 thomas123 robert123 william1
anthony1 jordan123 justin123 taylor123 austin123 hunter123 ginger123 maggie123 buster123
tigger123 pepper123 killer123 soccer123 hockey123 yankees1 cowboys1 steelers lakers24
dolphins eagles123 packers1 patriots redsox12 rangers1 warriors scorpion therock1
`;

/**
 * Common bases: flagged on their own and with the usual decorations (digits, a year, "!", "@",
 * capitalised), e.g. "Monkey2024!" or "dragon12".
 */
const BASES = `
password passw0rd pass love iloveyou welcome letmein monkey dragon master shadow sunshine
princess football baseball basketball soccer hockey superman batman starwars qwerty qwertz
azerty abc abcd abcdef admin root user login access secret trustno freedom whatever
michael jennifer jessica ashley charlie daniel thomas robert jordan hunter ranger buster
tigger pepper ginger maggie bailey coffee cookie cheese chocolate summer winter spring autumn
flower orange banana cherry purple yellow silver golden diamond killer hello hello1 test guest
default changeme matrix mustang corvette ferrari porsche mercedes harley yamaha honda toyota
nissan computer internet google samsung apple iphone android pokemon naruto minecraft
fortnite roblox lol jesus angel heaven blessed family friend friends forever lovely babygirl
baby honey sweet sugar kitty kitten puppy doggie tiger lion eagle falcon phoenix wolf
thunder lightning storm rainbow star stars moon sunny happy smile money dollar cash rich
business office company work school college student teacher doctor nurse mother father
daddy mommy sister brother family1 london paris berlin madrid chicago newyork boston dallas
texas florida california canada america usa england germany france italia russia india
china japan korea brazil mexico liverpool chelsea arsenal manutd barcelona juventus milan
lakers yankees cowboys steelers packers eagles bulls warriors redsox dodgers giants jets
spider spiderman ironman hulk thor loki marvel pikachu mario zelda sonic gandalf frodo
hogwarts harrypotter potter matrix1 neo morpheus voyager enterprise startrek jedi yoda vader
skywalker soccer1 tennis golf racing runner biker rocker guitar music piano singer dancer
metallica nirvana eminem beatles elvis zeppelin slipknot linkinpark system server network
database backup oracle mysql postgres docker kubernetes linux ubuntu windows microsoft
qwerty1 asdf asdfgh zxcv zxcvbn zxcvbnm qazwsx qweasd 1qaz 1q2w3e 123qwe 123abc abc123
a123456 aa123456 q123456 qq123456 123456 1234567 12345 1234 654321 666666 888888 696969
121212 123123 112233 159753 147258 987654 789456 101010 202020 111111 000000 777777
`;

const SUFFIXES = [
  "",
  "!",
  "@",
  "#",
  "?",
  ".",
  "1",
  "1!",
  "12",
  "123",
  "123!",
  "1234",
  "12345",
  "123456",
  "01",
  "007",
  "69",
  "99",
  "00",
  "11",
  "13",
  "21",
  "22",
  "23",
  "77",
  "88",
  "420",
  "666",
  "777",
  "888",
  "999",
  "2000",
];

const words = (block: string) => block.split(/\s+/).filter(Boolean);
const exact = new Set(words(EXACT));
const bases = new Set(words(BASES));

/** Undoes the substitutions people use to make a word "stronger" (p@ssw0rd → password). */
function unleet(text: string): string {
  return text
    .replaceAll("@", "a")
    .replaceAll("4", "a")
    .replaceAll("3", "e")
    .replaceAll("0", "o")
    .replaceAll("1", "i")
    .replaceAll("$", "s")
    .replaceAll("5", "s")
    .replaceAll("7", "t");
}

function isBaseWithSuffix(candidate: string): boolean {
  // A year (1950–2039) is as common a suffix as any in the table.
  const withoutYear = candidate.replace(/(19[5-9]\d|20[0-3]\d)[!@#?.]?$/, "");
  for (const stem of new Set([candidate, withoutYear])) {
    for (const suffix of SUFFIXES) {
      if (!stem.endsWith(suffix)) continue;
      const base = stem.slice(0, stem.length - suffix.length);
      if (bases.has(base) || bases.has(unleet(base))) return true;
    }
  }
  return false;
}

/** True when the password is one of the commonly used ones (case-insensitive, leetspeak folded). */
export function isCommonPassword(password: string): boolean {
  const lowered = password.toLowerCase().trim();
  if (exact.has(lowered) || exact.has(unleet(lowered))) return true;
  // One repeated character, or a run of one short pattern ("abcabcabc", "12121212").
  if (/^(.{1,4})\1+$/.test(lowered)) return true;
  return isBaseWithSuffix(lowered);
}

/** How many distinct entries the list holds before suffix expansion (documentation, tests). */
export const COMMON_PASSWORD_ENTRIES = exact.size + bases.size * SUFFIXES.length;
