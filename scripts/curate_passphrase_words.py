#!/usr/bin/env python3
"""Make resources/security/passphrase-words.txt: plain, neutral, easy words for suggested passphrases.

Start from the EFF Large Wordlist (resources/security/eff_large_wordlist.txt), keep words of at most 8 letters
that are common in everyday English (wordfreq Zipf frequency >= 3.3), and drop every word that starts with a
stem in DENY_STEMS or is in DENY_WORDS: violence, crime, death, illness and the body, sex, drugs and alcohol,
religion and politics, insults, fear and loss, babies, pregnancy and hospitals (this app is used in a NICU),
brands, and other words a tired or grieving parent might read badly. The result must keep at least 2,048
words, so that a five-word suggestion carries at least 55 bits.

wordfreq is needed only to run this script (`pip install wordfreq`), never by the app. The test
tests/security/test_passphrase_words.py checks the committed list against the rules below.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "security" / "eff_large_wordlist.txt"
TARGET = ROOT / "resources" / "security" / "passphrase-words.txt"
MAX_LETTERS = 8
MIN_ZIPF = 3.3
MIN_WORDS = 2048

DENY_STEMS = frozenset((
    "abandon abdom abduct abnormal abort abras absent absurd abus accident ache aching acid acne acute addict "
    "adultery affair afraid agon aids alarm alcohol alibi alien allerg ambul ambush amput anem anesth anger angr "
    "angst anguish annoy anorex anthrax antibod antidote anxi apache apostle appendix arguab argu armed arming "
    "armor armory army arous arrest arrogan arson artery ash assault asylum atheis atrocity autism autistic avenge "
    "aversion awful awkward babies baby backlash badass badly bait bald bandage bang bankrupt baptis barbed bastard "
    "battered battle beast beat bedbug beg betray bible bikini birth bitch bitter blam bland blast bleak bleed "
    "bleep blind blister bloat blood blunt blur bomb bondage bony booze bootleg bore boring bossy bowel brat breach "
    "breast breed bribe bruis brute buddhis bullet bully bunker burial buried burn bury bust butcher butt cadaver "
    "cancer cannabis cannon capsiz captive carcass cardiac carnage casket casualt catholic catheter cautious "
    "cesarean chaos chapel chaplain chastity cheat chemo chest child chlor chok christ chubby church cigar clammy "
    "clergy clinic clot clumsy coffin cocaine cocky coma combat commun condom conflict confront confus contempt "
    "convict coroner corpse corrupt cough coward cramp cranky crash crazy cremat crib crime crimin cripple crisis "
    "crook crude cruel crush cry crying cult curse custody cutthroat damn danger dead deaf death debt decay deceas "
    "deceit decease defeat defect defian defiant deform degrad delirious delusion demise demon deni deport deprav "
    "depress depriv derang desolat despair despis desperat destitut detain devil deviant devious diabet diaper "
    "diarrh die died dies dirt disab disaster discharg disdain disease disfigur disgrac disgust dismal dismay "
    "disorder dispos distress distrust divorce dizzy doom dork dose dosage douche downfall drab dread dreary drown "
    "drug drunk dumb dump dung dying dyslex ebola ego elderly embarrass embryo emergenc enema enemy enrag epidem "
    "epilep erot evict evil exorc explod explos exploit extinct faint fake fasci fatal fat feeble fetal fetus fever "
    "filth fire firearm flab fled flee flesh flirt flu foe fool forbid foreclos fraud freak fright frown funeral "
    "fungus gag gallows gambl gangster garbage gash gender genital germ ghost glaucoma goon gore gossip gout grave "
    "greed grief griev grim grime groin gross grudge grunt gun guts hack handgun harass harm harsh hate hatred "
    "haunt hazard headache hell hemorrh heroin hideous hijack hindu hit hoax homeless homicid hooker horrid horrif "
    "horror hospital hostag hostil humid humili hurt hustl hypnos hypnot icu idiot ill immature immoral impair "
    "impeach impoten imprison incest infect infer inject injur insane insect insult intox islam jail jerk jesus jew "
    "jinx junkie kidnap kill knife labor landfill laxative leech leper lesbian lethal liar lice lick lonely loser "
    "lung lure lurk lust maggot malign malnour manhood manhunt manly maniac mascara massacre mating mediev menac "
    "mental mess militar misery misfit miscarr mistress moan mob molest morgue morph mortal mortuar mourn mucus "
    "mugg murder mutant mutat mutilat mutiny nag naked narcot nasty nause nazi neglect nervous neurotic nicotin "
    "nightmare nipple nud numb nursery nursing obes obitu obscen obsess odor offend ominous onslaught opium oppress "
    "orphan outbreak outburst outcast outrage overdos overdue pagan pain pandem panic paranoi parasite pardon "
    "parole patholog pelvis penalty penis perish perjury pervert pest pill pimp pistol plague plunder poison police "
    "polio politic pope porn pox predator pregnan premature prenatal priest prison prostitut protest provok psych "
    "puke punch punish pus quarrel rabid racis radiat rage raging raid rampage ransom rape rash rat rebel rectal "
    "rectum reject relaps rifle riot rot rude ruin rupture sad sadist satan scab scalp scam scandal scar scream "
    "screw scum seduc seiz senil sewage sex shame shoot shot shove shrapnel sick sin skelet skull slap slaughter "
    "slave slay sloppy slug slum slut smash smother smuggl snake sniper sob sorrow spank spit stab starv steal "
    "stench stillbirth stink stolen stomach strangl stress stroke stupid suffer suicid surgeon surger swear sweat "
    "syring tantrum tattoo tax terror theft thief threat throb thug tomb torment tortur toxic trauma traitor "
    "trespass tumor twist ugly ulcer undertak unhappy unwell upset urin vandal venom victim villain violat violen "
    "virus vomit vulgar war weapon weep whip wicked widow wound wreck wrong yell zombie breath bladder liver kidney "
    "heart pulse pancreas femur ligament marrow cortex dorsal neuron morphine nicotine plasma glucose estrogen "
    "enzyme insulin bacteria vaccine tumor surgery patient doctor nurse dental dentist chemist gluten fructose "
    "calorie ozone dioxide monoxide peroxide chloride ammonium ammonia kerosene ethanol isotope uranium nuclear "
    "reactor fission facebook google ebay ipad iphone ipod itunes myspace dropbox nintendo lego cadillac chevy "
    "muppet android mama mom dad grandma grandpa granny daughter son nephew niece husband wife bride groom married "
    "marital marry maternal paternal mother father sister brother "
).split())

DENY_WORDS = frozenset((
    "dagger dynamite cleaver hatchet mace lance catapult collapse calamity famine exile oblivion nemesis helpless "
    "hardship failing hunger fracture frail phobia gloomy darkness empty lying phantom dictator cartel casino coke "
    "crazed cringe culprit cavity mummy nanny daycare cradle dwarf gentile eskimo marxism feminism feminist "
    "democrat congress passover easter nativity deacon diocese pastor prayer praying preacher almighty deity "
    "divinity angelic brethren convent covenant creed doctrine chalice gothic kosher agnostic hangover keg irritate "
    "isolated immortal implant ion aspirin oxygen hydrated immunity nutrient limb ankle knee elbow lip mouth cheek "
    "muscular anatomy body facial headless hurled hurling jab drinking exodus evacuate escalate negative deny defy "
    "disagree dislike dispute disrupt discard error false glitch bogus phony exes lagging lazy laziness gullible "
    "careless dodgy lisp delivery cuddle cuddly lullaby juvenile rehab remorse repent revenge revolver rogue "
    "sabotage savage scorn slain slander smoking smoked snitch spleen spinal spouse stricken strife suction "
    "surgical symptom syndrome septic sterile specimen tissue thigh throat tremor tragedy treason trench turmoil "
    "undead unholy unlucky untimely unwanted unworthy uprising uproar urgency urgent vacancy vendetta vengeful "
    "verdict vertigo vice viper viral void wasting womb worried worry worst wrath wreath yearning twins sibling "
    "tummy vascular retinal saline sanitary scrabble skype walmart xbox xerox yahoo twitter tweet superman sabbath "
    "saint sacred sermon reverend theology thee trinity savior shrine santa regime revolt trump activism activist "
    "shock shudder stunned suspect suing unlawful unsafe unstable uneasy unfair unsure struggle stumble scheming "
    "slimy sludge smog tainted trapped trapping traps trouble unpaid unrest unruly upheaval vanish volatile "
    "whooping wildfire wobbly wrench wreck yelp shabby shady sinister skirmish slashed slashing slam snare spooky "
    "stagnant stifle stinging stingy strained swore tabloid tacky thrash throttle tumble tumbling twitch undercut "
    "underdog unheard unknown unseen unspoken untold untrue sarcasm setback shortage silenced skewed skinny spoiled "
    "spoiling spoils stoppage surging survival survive survivor detached departed absence alone apostle abstain "
    "amnesty ammonia anime chaps crock darn duh dude exert fanatic fang gills goliath grub gutter hulk hunk jaws "
    "junkie lair muck mud nerd geek oops ouch pesky petty pry puritan rascal ranting rants raving reckless refusal "
    "refuse refusing renegade resent retract retreat rigor robbing roulette rubble ruse rut sly smirk sniff snort "
    "snout snuff sneeze sneezing squirt stark stony stoop stray stubborn stuck stuffy sulfate sulfur swagger swarm "
    "tanning thorn thong timid tiring travesty trolling unarmed underage undone uneven unequal unleash unmarked "
    "unnamed unsolved utter wad wannabe wasp whiff wicked wilt woof wow yeah yen nag moody murky mold mule muzzle "
    "mute patrol pellet penalty perish pest plunging poker prone purge quake rabid ragged ravine recoil reflex "
    "relapse remnant residue resigned rift rigid ripping rocky rumble rumor scant scorpion scratch scrutiny secrecy "
    "seismic severity shaky shallow shank sheath shun shut siren skid slit snoring spill splinter spore squash "
    "squeeze staining stained staring stole stomp strewn stung stunt subdued sudden suspend suspense tackle "
    "tackling tremble trivial tug twilight vacant vacate veto void volley waged wager wages warden dreaded dreadful "
    "dramatic drastic drown frantic frenzy frighten grievous gallows hostage hostile impaired imminent impose lash "
    "lurk menace morbid omen ominous outage overload panic paranoid plunder predator prey provoke rampage ransom "
    "rash siege slaughter smother stab stalker starve strangle suffocate torment tornado toxic trauma tyrant vandal "
    "venom victim villain wound bleach blitz bluff brawl bruise cruelty curfew custody defeat defiance disarm "
    "disgrace distress distrust divisive downfall dreary dungeon embargo enemy enforced evade evasion evasive expel "
    "explode exploit expose exposure gore grudge hazard hostility impeach insult lethal mutiny obscure obstruct "
    "oppose opposing outrage overrun overthrow overturn pardon parole penalty perjury precinct prison prosecute "
    "protest punish quarrel rebel rebuttal reject repeal resent revoke riot rival sanction scandal scorn sedition "
    "sinister skeptic snare strike stricken subpoena suspect tariff threat tribunal verdict warfare witness "
).split())


def denied(word: str) -> bool:
    return word in DENY_WORDS or any(word.startswith(stem) for stem in DENY_STEMS)


def main() -> int:
    from wordfreq import zipf_frequency  # only for curating; not an app dependency

    source = [line.split()[-1] for line in SOURCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    kept = [w for w in source
            if len(w) <= MAX_LETTERS and w.isalpha() and zipf_frequency(w, "en") >= MIN_ZIPF and not denied(w)]
    if len(kept) < MIN_WORDS:
        print(f"only {len(kept)} words left; need {MIN_WORDS}", file=sys.stderr)
        return 1
    TARGET.write_text("\n".join(kept) + "\n", encoding="utf-8")
    print(f"{len(kept)} words, {5 * math.log2(len(kept)):.1f} bits for five words -> {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
