#!/usr/bin/env python3
"""Make resources/security/passphrase-words-es.txt: plain, neutral, everyday Spanish words for suggested passphrases.

Sources (both permissive; neither is needed by the app, only by this script):
  * `spa-mich` from the PyPI wheel xkcdpass 1.30.0 (`xkcdpass/static/spa-mich`): about 83,000 Spanish words from
    the University of Michigan linguistics archive, public domain (xkcdpass itself is BSD-3-Clause).
  * the BIP-39 Spanish word list from the PyPI wheel mnemonic 0.21 (`mnemonic/wordlist/spanish.txt`): 2,048
    words, MIT licence (Copyright (c) 2013-2016 Pavol Rusnak).

Rules: keep a word only if it is written with the plain letters a-z (a word whose correct spelling needs an
accent, ñ or ü is left out, never misspelled: one typed on a shared US keyboard must be the real word), has 3 to 9
letters, is common in everyday Spanish (wordfreq Zipf frequency >= MIN_ZIPF), is not an everyday English word
(English Zipf < MAX_ENGLISH_ZIPF, so "once" or "pan" never reads as English, and not in the EFF English list
beside it: "suave", "rentable"), is not more often written with an accent (so "campana" for "campaña" or
"continuo" for "continuó" is out), is not a proper noun, surname, nationality or place (PROPER: the candidates
Debian's hunspell-es dictionaries spell only with a capital, plus those seen on reading the list), and does not
start with a stem in DENY_STEMS nor is in DENY_WORDS: death, violence, crime, illness, medicine and the body,
babies, pregnancy and family (this app is used in a NICU), sex, drugs and alcohol, religion, politics and the
military, insults and words rude in some countries, fear and loss. Of two words that differ only by a plural -s
or -es the singular is kept. The result must keep at least 2,048 words, so a five-word suggestion carries at
least 55 bits.

Run (wordfreq, xkcdpass and mnemonic only for this script, never for the app):
    pip install --target /tmp/curate wordfreq==3.1.1 xkcdpass==1.30.0 mnemonic==0.21
    PYTHONPATH=/tmp/curate python scripts/curate_passphrase_words_es.py
tests/security/test_passphrase_words.py checks the committed list against these rules.
"""

from __future__ import annotations

import math
import re
import sys
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "resources" / "security" / "passphrase-words-es.txt"
ENGLISH = ROOT / "resources" / "security" / "eff_large_wordlist.txt"  # a Spanish word also in it reads as English
MIN_LETTERS = 3
MAX_LETTERS = 9
MIN_ZIPF = 3.6
MAX_ENGLISH_ZIPF = 3.0
MIN_WORDS = 2048
PLAIN = re.compile(rf"[a-z]{{{MIN_LETTERS},{MAX_LETTERS}}}")
_ACCENTED = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "úü", "n": "ñ"}

DENY_STEMS = frozenset([
    "abort", "abus", "acos", "acus", "adict", "adulter", "agoni", "agoniz", "agredi", "agresi", "agresor", "ahog",
    "ahorc", "aislad", "alarm", "alcohol", "alemu", "alerg", "amenaz", "amput", "anestes", "angusti", "ansie",
    "ansios", "anticonc", "apunal", "arma", "arsenal", "asalt", "asedio", "asesin", "asfix", "asquer", "atac",
    "atentad", "aterr", "atraco", "atropell", "ausen", "autops", "bala", "balac", "barbari", "bastard", "batall",
    "bebe", "biberon", "bomba", "borrach", "burdel", "cadaver", "cagad", "cagar", "calavera", "cancer", "candidat",
    "carcel", "cardi", "casad", "celos", "cementer", "censur", "cianur", "cicatriz", "cirug", "ciruj", "clinic",
    "cocain", "cojo", "colaps", "colga", "combat", "comunis", "condena", "condon", "contagi", "corrupt", "craneo",
    "crianza", "criatura", "crimen", "crimin", "cristian", "cristo", "cruel", "cuarentena", "culero", "culo",
    "debilidad", "defunc", "delgad", "delinc", "delito", "dement", "demoni", "derrib", "derroc", "derrot",
    "desangr", "desnud", "destroz", "destru", "deterior", "diabet", "diablo", "dictad", "difunt", "diputad",
    "dispar", "divorc", "dolor", "droga", "drogad", "ebrio", "ejecuc", "ejercit", "embaraz", "empalag", "enemig",
    "enferm", "enterr", "entierr", "epidem", "erotic", "esclav", "escopet", "espant", "espos", "estaf", "estall",
    "estupid", "estupr", "exili", "explos", "fallec", "fallid", "fallo", "fantasm", "farmac", "fascis", "femenin",
    "feminis", "fiebre", "follar", "fractur", "fraude", "funeral", "funerar", "fusil", "genocid", "golpe", "gringo",
    "grit", "guerr", "heredad", "herede", "heredero", "herencia", "herid", "herir", "hermana", "hermano", "heroin",
    "hija", "hijo", "hincha", "hormon", "hospital", "hostia", "huelga", "huerfan", "hurt", "idiot", "iglesia",
    "ignoran", "ilegal", "imbecil", "impoten", "infanc", "infant", "infart", "infecc", "infiel", "infiern",
    "insult", "internad", "inyecc", "islam", "izquierd", "jarabe", "judi", "juez", "jurad", "juzga", "ladron",
    "lagrim", "lastim", "leche", "leucem", "llant", "llor", "locur", "lujuri", "luto", "malestar", "mamad", "maric",
    "marido", "marihuan", "martir", "masacr", "masculin", "mata", "matanz", "medic", "mendig", "mentir", "mentira",
    "milagr", "milic", "misil", "misioner", "monja", "mordaz", "morde", "mordi", "moribund", "morir", "mortal",
    "muert", "muj", "musulman", "nacid", "nalga", "naufrag", "navaj", "nazi", "necrop", "neonat", "nieta", "nieto",
    "novia", "novio", "obispo", "oracion", "orfan", "orgasm", "orin", "padre", "padrino", "paliza", "pandem",
    "pandill", "patad", "patriarc", "patriot", "pecado", "pedof", "pelea", "peligr", "penal", "pendej", "pene",
    "perder", "perdid", "pierde", "pistol", "podrid", "polic", "policia", "politic", "prematur", "preso", "prision",
    "prostitu", "protest", "puta", "puñal", "quema", "racism", "racist", "rapt", "rechaz", "rehen", "religios",
    "resentid", "respir", "revoluc", "revuelt", "rezar", "robad", "robar", "robo", "sacerdot", "sangr", "santa",
    "santo", "saque", "satan", "secuestr", "senado", "senador", "sepulcr", "sepult", "sexo", "sexual", "sida",
    "sindic", "sinies", "socialis", "sospech", "suegr", "sufr", "suicid", "tabaco", "terror", "tirad", "tirot",
    "tiroteo", "tortur", "trago", "traicion", "traidor", "trist", "tumba", "tumor", "tutela", "vacun", "vagin",
    "vampir", "vejez", "vejig", "velorio", "veneno", "vengan", "vengar", "verdug", "viola", "violen", "virus",
    "viud", "vomit", "yerno",
])

DENY_WORDS = frozenset([
    "abandonar", "abandono", "abatido", "abismo", "absuelto", "abuela", "abuelo", "aburrida", "aburrido",
    "accidente", "acoso", "adelgazar", "aguja", "alcalde", "alcaldesa", "allende", "almirante", "amante", "amarga",
    "amargo", "amargura", "ambulancia", "anciana", "anciano", "anemia", "angel", "angustia", "anormal", "antemano",
    "apostol", "arrestado", "arrestar", "arresto", "arruinar", "arteria", "arzobispo", "asilo", "asturiano",
    "ataque", "atroz", "augusto", "avaricia", "bandido", "barba", "barriga", "bautismo", "bautista", "bautizado",
    "bebida", "bendita", "bendito", "bestia", "biblia", "bicho", "bigote", "boda", "boicot", "brazo", "brigada",
    "bronca", "bruja", "bruto", "budismo", "budista", "burla", "burro", "cabello", "cabeza", "cacique", "cadera",
    "calabozo", "calcio", "calumnia", "calvario", "calvo", "cama", "camilla", "campeche", "canalla", "canaria",
    "canciller", "capilla", "cardenal", "cardona", "caribe", "carnal", "carnicero", "carranza", "carrasco",
    "castigar", "castigo", "catedral", "caudillo", "cautivo", "cazador", "ceguera", "celda", "ceniza", "cerdo",
    "cerebro", "cerveza", "chantaje", "chinga", "chingar", "chingo", "chucha", "chupar", "ciego", "cigarro",
    "cinismo", "cintura", "cobarde", "codicia", "codo", "coger", "cogido", "comandante", "comicios", "comisario",
    "concejal", "concha", "concilio", "condena", "condenado", "congreso", "conque", "convento", "coronel",
    "corrida", "costilla", "creces", "creyente", "cruzada", "cuaresma", "cuartel", "cuchilla", "cuchillo", "cuello",
    "cuerno", "cuerpo", "culpa", "culpable", "culpar", "culto", "cuna", "curado", "curar", "custodia", "dedo",
    "deidad", "delirio", "demandado", "demencia", "demonio", "dengue", "dentista", "denuncia", "denunciar",
    "deprimido", "derrame", "desastre", "desgracia", "despido", "desprecio", "detener", "detenida", "detenido",
    "deuda", "deudor", "diarrea", "dictador", "dictadura", "diente", "dieta", "digestivo", "dios", "diosa",
    "divina", "divinidad", "divino", "doctor", "doctora", "doctrina", "doquier", "dosis", "drenaje", "duelo",
    "electo", "elector", "emboscada", "enano", "envidia", "ermita", "escolta", "escoria", "escote", "espada",
    "espalda", "espinal", "espionaje", "esqueleto", "estigma", "estomago", "eternidad", "evangelio", "expensas",
    "explotar", "facundo", "fajardo", "falange", "fanatismo", "fatiga", "fausto", "fea", "feo", "feroz", "fiscal",
    "flaco", "forense", "fosa", "fracasado", "fracasar", "fracaso", "fraile", "frente", "fugitivo", "fumar",
    "furia", "furiosa", "furioso", "garganta", "gatillo", "gemela", "gemelo", "ginebra", "gitana", "gitano",
    "glucosa", "gobernar", "gobierna", "gobierno", "gorda", "gordo", "grasa", "gremial", "gripe", "grosera",
    "grosero", "hambre", "hambruna", "hebreo", "hechizo", "hembra", "hidalgo", "hispana", "hispano", "histeria",
    "holanda", "holandesa", "hombro", "homenaje", "homicidio", "hostil", "hueso", "huevo", "impune", "impunidad",
    "incendio", "indecente", "indio", "indulto", "infame", "infeliz", "injusta", "injusto", "inmoral", "inmortal",
    "inmune", "inmunidad", "inodoro", "insomnio", "insulina", "intestino", "invadir", "invasion", "jesuita",
    "juicio", "labio", "lactancia", "laico", "lanza", "lanzada", "lengua", "lesbiana", "letal", "licor", "litigio",
    "llanto", "loca", "loco", "madre", "madrina", "magnesio", "maldad", "maldita", "maldito", "maligno", "maltrato",
    "malvada", "malvado", "mano", "marcial", "mariscal", "marxismo", "marxista", "matadero", "materna", "materno",
    "matriz", "mejilla", "membrana", "mezquita", "miedo", "mierda", "militante", "militar", "ministra", "ministro",
    "misa", "miseria", "momia", "monstruo", "morena", "muela", "muslo", "nariz", "navidad", "nazismo", "necio",
    "nefasto", "negra", "negro", "nepotismo", "nervio", "nerviosa", "nervioso", "nicho", "nuca", "obesidad",
    "obstante", "ocular", "odiar", "odio", "ofender", "ofendido", "ofensa", "ofensiva", "ofensivo", "ofrenda",
    "ojo", "ombligo", "opositor", "opositora", "oreja", "ortodoxa", "ortodoxo", "oscuridad", "otomano", "paciente",
    "padecer", "padrastro", "pajero", "palestino", "pancho", "panico", "paraiso", "paranoico", "paro", "parroquia",
    "partera", "parto", "pascua", "pastilla", "paterna", "paternal", "paterno", "patria", "patrulla", "pecho",
    "pelo", "pena", "penoso", "perdedor", "perverso", "pesadilla", "piedad", "piel", "pierna", "pinche", "plegaria",
    "polvo", "populista", "posguerra", "potasio", "predicar", "primo", "profeta", "pubertad", "puerco", "pulgar",
    "pulmon", "pulmonar", "pulso", "quebrada", "querella", "quiebra", "quilombo", "rabia", "rabino", "raza",
    "rebelde", "receta", "rededor", "refugiado", "reliquia", "remedio", "rencor", "reprimir", "resaca", "retrasado",
    "retraso", "reventar", "reverendo", "rito", "rodilla", "ruina", "ruptura", "sabiendas", "sabotaje", "sagrada",
    "sagrado", "sanatorio", "sancionar", "sanidad", "sanitaria", "sanitario", "santidad", "santuario", "sarcasmo",
    "sargento", "secta", "secuela", "seno", "sentencia", "sexenio", "sindical", "soborno", "sobrina", "sobrino",
    "sodio", "solano", "soldado", "soledad", "solitaria", "solitario", "someter", "sordo", "soriano", "sudor",
    "sufragio", "suicida", "susto", "tanque", "tarado", "tejido", "temblor", "temible", "temor", "templo",
    "teniente", "terapeuta", "terapia", "terremoto", "testigo", "tirano", "tobillo", "tonta", "tonto", "toxicidad",
    "tragedia", "trasero", "trastorno", "tregua", "tribunal", "trinchera", "tropa", "uranio", "urgencia", "urgente",
    "uterino", "vaca", "vago", "vallejo", "vaticano", "vena", "venda", "veredicto", "vertebral", "vicario", "vicio",
    "vicioso", "vientre", "vil", "villano", "vino", "virgen", "vitamina", "vomitar", "votada", "votante", "votar",
    "voto", "xenofobia", "yanqui",
])
PROPER = frozenset([
    "africa", "africana", "africano", "aleman", "alemana", "alicante", "amazonas", "americana", "americano",
    "andaluz", "andaluza", "andorra", "aquiles", "arabe", "argentina", "argentino", "armenio", "asia", "asiatico",
    "asturias", "azteca", "babilonia", "batista", "bengala", "benito", "boliviana", "boliviano", "bonilla",
    "bruselas", "callao", "camilo", "cantabria", "carlota", "carrillo", "carvajal", "castilla", "catalan",
    "catalana", "cepeda", "chilena", "chileno", "china", "chino", "colombiana", "colombiano", "coreana", "coreano",
    "crespo", "croata", "cubana", "cubano", "damasco", "dominicana", "dominicano", "ecuatoriano", "egipcia",
    "egipcio", "egipto", "escocia", "estrada", "europa", "europea", "europeo", "flandes", "florencia", "francia",
    "francisca", "galindo", "gallega", "gallego", "garrido", "griega", "griego", "guayaquil", "habana", "hondureno",
    "iberia", "ingles", "inglesa", "irlanda", "irlandesa", "isidro", "islandia", "italiana", "italiano", "jacinto",
    "japones", "japonesa", "josefina", "juliana", "leticia", "macarena", "magdalena", "mahoma", "manolo", "manuela",
    "mapuche", "marcelino", "matamoros", "mexicana", "mexicano", "montero", "monterrey", "narciso", "navarra",
    "noruega", "noruego", "olimpo", "olivera", "olmedo", "oporto", "palencia", "palestina", "paraguaya",
    "paraguayo", "pascual", "patricio", "paulina", "peruana", "peruano", "pineda", "polaca", "polaco", "polonia",
    "prieto", "puebla", "quechua", "quesada", "quijote", "quintana", "quintero", "ramiro", "robledo", "romana",
    "romano", "rosita", "rumana", "rumano", "rusa", "ruso", "sabina", "salamanca", "salcedo", "sancho", "sarmiento",
    "saturno", "sueca", "sueco", "suiza", "susana", "tabasco", "turca", "turco", "ucrania", "uruguaya", "uruguayo",
    "valdivia", "venecia", "venezolana", "venezolano", "villar", "vitoria", "vizcaya", "zapata",
])


def denied(word: str) -> bool:
    """True for a word this list must never hold (loaded, medical, family, proper noun, ...)."""
    return word in DENY_WORDS or word in PROPER or any(word.startswith(stem) for stem in DENY_STEMS)


def plain(word: str) -> bool:
    return PLAIN.fullmatch(word) is not None


def accented_spellings(word: str) -> set[str]:
    """The word with one or two letters given an accent, ñ or ü."""
    out: set[str] = set()
    for i, letter in enumerate(word):
        for mark in _ACCENTED.get(letter, ""):
            once = word[:i] + mark + word[i + 1:]
            out.add(once)
            for j in range(i + 1, len(word)):
                for second in _ACCENTED.get(word[j], ""):
                    out.add(once[:j] + second + once[j + 1:])
    return out


def drop_plurals(words: list[str]) -> list[str]:
    """Of "flor"/"flores" or "gato"/"gatos", keep only the singular."""
    present = set(words)
    return [w for w in words
            if not ((w.endswith("s") and w[:-1] in present) or (w.endswith("es") and w[:-2] in present))]


def english_words() -> frozenset[str]:
    return frozenset(line.split()[-1] for line in ENGLISH.read_text(encoding="utf-8").splitlines() if line.strip())


def source_words() -> list[str]:
    mich = resources.files("xkcdpass").joinpath("static/spa-mich").read_text(encoding="utf-8")
    bip39 = resources.files("mnemonic").joinpath("wordlist/spanish.txt").read_text(encoding="utf-8")
    return sorted({line.strip() for line in (mich + "\n" + bip39).splitlines() if line.strip()})


def main() -> int:
    from wordfreq import zipf_frequency  # only for curating; not an app dependency

    def accent_needed(word: str) -> bool:
        frequency = zipf_frequency(word, "es")
        return any(zipf_frequency(variant, "es") >= frequency for variant in accented_spellings(word))

    english = english_words()
    kept = [w for w in source_words()
            if plain(w) and not denied(w) and w not in english
            and zipf_frequency(w, "es") >= MIN_ZIPF and zipf_frequency(w, "en") < MAX_ENGLISH_ZIPF
            and not accent_needed(w)]
    kept = drop_plurals(kept)
    if len(kept) < MIN_WORDS:
        print(f"only {len(kept)} words left; need {MIN_WORDS}", file=sys.stderr)
        return 1
    TARGET.write_text("\n".join(kept) + "\n", encoding="utf-8")
    print(f"{len(kept)} words, {5 * math.log2(len(kept)):.1f} bits for five words -> {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
