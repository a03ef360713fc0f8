"""A deterministic synthetic archive of meeting minutes, for tests and benchmarks.

    python -m generator corpus --meetings 1000 --out /tmp/synth [--seed 1]      (make corpus)

writes a source tree shaped like ``minutes_src/``::

    <out>/<org-slug>/organisation.yml
    <out>/<org-slug>/<body-slug>/body.yml
    <out>/<org-slug>/<body-slug>/YYYY-MM-DD.txt     one meeting of that body
    <out>/_truth.jsonl                               one JSON line per meeting (what was planted)

The minutes imitate the five real formats in ``shared/seeds`` (called "000" to "004" after the seed
files): the Grenland tab-indented table export (000), the Grenland table whose cells hold HTML
fragments (001), the Kongsbergregionen case documents with a table of contents and an attachment
list (002), the Nordmøre "Sak 14-22" summaries (003) and the project-group minutes with numbered
items (004). Each body keeps one format for its whole life, as real secretariats do.

Text is built from a vocabulary of Norwegian municipal-cooperation words (topic stems compounded
with common nouns, inflected), never copied from the seeds. References between meetings are
planted on purpose (follow-up chains, "jf. sak", "Referat fra ...", cases of other bodies,
about 5 % to targets that do not exist) and recorded in ``_truth.jsonl`` so that tests can check the
parser against them.

Each ``_truth.jsonl`` line holds: ``path``, ``org``/``body`` (slugs), ``organisation``/``body_name``,
``format``, ``date``, ``start``, ``end``, ``location``, ``chair``/``secretary`` (formats that print
them), ``meeting_number`` (003), ``attendees`` {present, absent}, ``items`` [{number as written,
key (34/23, 1/10, 14/22, 3), title, conclusion (the first one for "Eventuelt", as in
shared/truth), kind}], ``references`` [{from (item number), kind (case|meeting), text (exactly as
in the file), target (case key or ISO date), exists (False: planted on purpose to a case or meeting
that is not in the archive; None: outside the archive), external (another body's case),
in_archive, body (org/body slug, or the outside body's name), target_path, forward (a later
meeting, e.g. "neste KDK 20. september"), meeting_date (004 ordinal cases), chain (follow-up chain
id)}], ``attachments`` (002), ``debris`` (text that must not reach a page) and
``repeated_once`` (a nested-table cell that must appear once, 001). References are listed once per
(item, kind, target).

Determinism: everything comes from ``random.Random`` seeded with strings (which Python hashes
with SHA-512, independent of PYTHONHASHSEED); no clock, no set or dict-order dependence.
Same (meetings, seed) gives byte-identical files. Files are written as they are generated, so
memory stays small.
"""
from __future__ import annotations

import datetime as dt
import json
import random
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

TRUTH_FILE = "_truth.jsonl"
FORMATS = ("000", "001", "002", "003", "004")

MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember"]
WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]

# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------

FIRST_MALE = """Anders Arne Arild Asbjørn Atle Bjørn Bård Dag Egil Einar Eirik Erik Espen Frank Frode
Geir Gunnar Halvor Hans Harald Helge Henning Håkon Håvard Ivar Jan Jarle Jon Jostein Jørn Kjell
Kjetil Knut Kristian Lars Leif Magne Magnus Martin Morten Nils Odd Ola Olav Ole Per Petter Reidar
Roar Rolf Rune Sindre Sigurd Sondre Stein Steinar Svein Sverre Terje Thomas Tor Tore Torbjørn
Trond Trygve Vegard Øystein Øyvind Åge Aslak Halvard Ingvar Jørgen Kåre Mats Njål Ragnar Sigve
Torgeir Vidar Yngve Arnfinn Bjarne Eivind Gisle Hallvard Idar Jens Kolbjørn Lasse Oddvar Paal
Ronny Sturla Tarjei Ulf Vebjørn""".split()
FIRST_FEMALE = """Anne Astrid Aud Berit Birgit Bente Britt Camilla Elin Ellen Eva Gro Gunn Guri Hanne
Heidi Helene Hilde Ingrid Inger Ingebjørg Irene Kari Karin Kirsten Kristin Laila Linda Liv Marit
Merete Mona Nina Randi Ragnhild Silje Siri Solveig Sissel Stine Tone Torill Trine Turid Unni
Vigdis Wenche Åse Marianne Ida Maria Kristine Line Mette Oddny Sigrid Synnøve Tove Jorunn Hege
Henriette Agnes Bodil Dagny Elisabeth Frøydis Gunhild Hildegunn Ingvild Janne Kjersti Lene Margit
Nora Oddbjørg Ranveig Sølvi Tuva Vibeke""".split()
DOUBLE_FIRST = ["Jan Erik", "Hans Henrik", "Odd Arild", "Svein Arild", "Rose-Marie", "Ann-Kristin",
                "Per Olav", "Anne Grethe", "Tor Arne", "Kari Anne", "Jon Olav", "Britt Inger",
                "Ole Petter", "Nils Kristian", "Anne-Lise", "Lars Erik", "Mari-Ann", "Knut Arne",
                "Tone Merete", "Hans Petter", "Eva-Britt", "Jan-Ove"]
SURNAMES = """Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen
Johnsen Pettersen Eriksen Berg Haugen Hagen Johannessen Andreassen Jacobsen Dahl Jørgensen
Halvorsen Henriksen Lund Sørensen Jakobsen Moen Gundersen Iversen Strand Solberg Svendsen Eide
Knutsen Martinsen Paulsen Bakken Kristoffersen Mathisen Lie Amundsen Rasmussen Lunde Solheim Berge
Moe Nygård Bakke Kristensen Fredriksen Holm Lien Hauge Christensen Andresen Nielsen Knudsen
Evensen Sæther Aas Myhre Hanssen Haugland Thomassen Sivertsen Simonsen Danielsen Berntsen Sandvik
Rønning Arnesen Antonsen Næss Vik Haug Ellingsen Thorsen Edvardsen Birkeland Isaksen Gulbrandsen
Ruud Aasen Strøm Myklebust Tangen Ødegård Eliassen Helland Bøe Aune Mikkelsen Tveit Brekke
Abrahamsen Madsen Lødemel Sommerfelt Bjelland Skaug Hovland Grønvold Fossum Kleven Nordby Rustad
Tjønnås Sundli Vestli Ormestad Haugstad Kolstad Lyngstad Tofte Bergsli Flaten Grimstad Hoel
Kvamme Langeland Midtbø Nesheim Rød Sletten Tinnes Undheim Vatne Østby Åsland Brattli Engen
Gjerde Høyland Kvernmo Løvås Mjøen Nerland Ottesen Reitan Skjelbred Stokke Torvund Ulvestad
Aamodt Bråten Dybvik Fladby Grøtting Hammervold Innerdal Jåsund Klepp Lerstad Mørk Nakken Opsahl
Rambøl Sandnes Tveito Vinje Økland Aarset Bugge Dyrnes Eikemo Hannasvik Leirbekk Maurset Sagli
Skavlan Brudal Høiberg Finnerud Sæthre Lysa Groven Wold Thune Sommerstad Innvær""".split()
DOUBLE_SURNAMES = ["Bjelkemyr-Østvang", "Brugger Brudal", "Haugen Lie", "Moen-Strand",
                   "Solberg Nilsen", "Aas-Hansen", "Berg Olsen", "Lund-Evensen", "Dahl Tveit"]
INITIALS = ["G.", "H.", "W.", "K.", "M.", "T.", "E.", "A.", "S.", "J", "G", "O."]

MUNI_HEADS = """Aur Bak Berg Bjør Bran Dal Eid Fjell Fla Fol Gjer Gran Hal Ham Hau Hol Hov Hus
Kval Lang Lil Lun Mel Mos Nor Rau Ros Sand Sel Skar Skog Sol Stav Stor Strand Sun Sva Tin Tve
Ulv Vang Vest Vik Vå Øy Ås Ør Bø Fur Gol Ler Lød Mør Rind Sæt Tjøl Vard Alv Brå Fos Grø Hed Hjel
Kvin Lyng Mål Od Rå Sig Sør Tys Ull Åm Dyr Fre Hurd Kles Lom Nær Skjer Flo Gjøs Lev Myr Rei
Sta Hjart Kvit Svart""".split()
MUNI_TAILS = """vik nes dal berg stad heim bø sund fjord øy land rud eid vang sjø li mo haug voll å
rum ås strand bygd lia fors seter vær sand holm""".split()
MUNI_PREFIXES = ["Indre ", "Ytre ", "Øvre ", "Nedre ", "Nord-", "Sør-", "Vestre ", "Austre "]

REGION_NAMES = ["Storedalen", "Fjordkysten", "Midtfjella", "Sjøbygdene", "Elvedalen", "Heiane",
                "Nordkysten", "Skogbygdene", "Øyrekka", "Vidda", "Dalfjorden", "Vesterdalen",
                "Indre Storfjord", "Søndre Dal", "Ytre Lei", "Nedre Glomdal", "Innlandsporten",
                "Fjellbygdene", "Kystriket", "Midt-Vidda"]

STREETS = ["Storgata", "Kirkegata", "Torget", "Strandveien", "Jernbanegata", "Rådhusgata",
           "Sentrumsveien", "Parkveien", "Kongens gate", "Fjordgata", "Industriveien"]

# --------------------------------------------------------------------------------------------
# Vocabulary: nouns that compound with topic stems, adjectives, topics, sentence frames
# --------------------------------------------------------------------------------------------

# indefinite singular, definite singular, indefinite plural, definite plural, gender (m/n)
SUFFIXES = [tuple(row.split()) for row in """
plan planen planer planene m
strategi strategien strategier strategiene m
prosjekt prosjektet prosjekter prosjektene n
tjeneste tjenesten tjenester tjenestene m
samarbeid samarbeidet samarbeid samarbeidene n
nettverk nettverket nettverk nettverkene n
avtale avtalen avtaler avtalene m
rapport rapporten rapporter rapportene m
utvalg utvalget utvalg utvalgene n
gruppe gruppen grupper gruppene m
tilbud tilbudet tilbud tilbudene n
ordning ordningen ordninger ordningene m
tiltak tiltaket tiltak tiltakene n
område området områder områdene n
kostnad kostnaden kostnader kostnadene m
behov behovet behov behovene n
utredning utredningen utredninger utredningene m
modell modellen modeller modellene m
forum forumet fora foraene n
konferanse konferansen konferanser konferansene m
satsing satsingen satsinger satsingene m
evaluering evalueringen evalueringer evalueringene m
koordinator koordinatoren koordinatorer koordinatorene m
system systemet systemer systemene n
løsning løsningen løsninger løsningene m
tilskudd tilskuddet tilskudd tilskuddene n
rutine rutinen rutiner rutinene m
kartlegging kartleggingen kartlegginger kartleggingene m
analyse analysen analyser analysene m
budsjett budsjettet budsjetter budsjettene n
ressurs ressursen ressurser ressursene m
samling samlingen samlinger samlingene m
høring høringen høringer høringene m
veileder veilederen veiledere veilederne m
mandat mandatet mandater mandatene n
arbeid arbeidet arbeider arbeidene n
kompetanse kompetansen kompetanser kompetansene m
reglement reglementet reglementer reglementene n
oversikt oversikten oversikter oversiktene m
prosess prosessen prosesser prosessene m
team teamet team teamene n
senter senteret sentre sentrene n
kontor kontoret kontorer kontorene n
pilot piloten piloter pilotene m
program programmet programmer programmene n
styring styringen styringer styringene m
indikator indikatoren indikatorer indikatorene m
statistikk statistikken statistikker statistikkene m
fond fondet fond fondene n
reform reformen reformer reformene m
rådgiver rådgiveren rådgivere rådgiverne m
leder lederen ledere lederne m
portal portalen portaler portalene m
undersøkelse undersøkelsen undersøkelser undersøkelsene m
retningslinje retningslinjen retningslinjer retningslinjene m
strategidokument strategidokumentet strategidokumenter strategidokumentene n
""".strip().splitlines()]

# masculine indefinite, neuter indefinite, definite/plural
ADJECTIVES = [tuple(row.split()) for row in """
felles felles felles
regional regionalt regionale
ny nytt nye
helhetlig helhetlig helhetlige
bærekraftig bærekraftig bærekraftige
digital digitalt digitale
samordnet samordnet samordnede
langsiktig langsiktig langsiktige
revidert revidert reviderte
oppdatert oppdatert oppdaterte
foreløpig foreløpig foreløpige
interkommunal interkommunalt interkommunale
strategisk strategisk strategiske
robust robust robuste
forsterket forsterket forsterkede
endelig endelig endelige
overordnet overordnet overordnede
kommunal kommunalt kommunale
effektiv effektivt effektive
praktisk praktisk praktiske
midlertidig midlertidig midlertidige
permanent permanent permanente
forpliktende forpliktende forpliktende
fremtidsrettet fremtidsrettet fremtidsrettede
kostnadseffektiv kostnadseffektivt kostnadseffektive
likeverdig likeverdig likeverdige
forenklet forenklet forenklede
utvidet utvidet utvidede
""".strip().splitlines()]

EXTERNAL_ACTORS = ["KS", "Statsforvalteren", "fylkeskommunen", "helseforetaket", "Husbanken",
                   "NAV", "Bufetat", "Innovasjon Norge", "Statens vegvesen", ("Kommunal- og "
                   "distriktsdepartementet"), "Helsedirektoratet", "Utdanningsdirektoratet",
                   "Digdir", "Miljødirektoratet", "NVE", "Kartverket", "Sivilforsvaret",
                   "universitetssykehuset", "høgskolen", "næringshagen", ("regionale "
                   "forskningsfond"), "DSB", "IMDi", "Arkivverket", "Skatteetaten"]
FORA = ["helseledernettverket", "næringssjefskollegiet", "økonomisjefsnettverket", "HR-nettverket",
        "oppvekstnettverket", "IKT-forum", "beredskapsrådet", "plannettverket",
        "kommunalsjefsforum", "kulturnettverket", "landbruksforum", "folkehelsenettverket",
        "innkjøpsforum", "arkivnettverket", "rådgiverforum", "samhandlingsutvalget"]
UNIONS = ["Fagforbundet", "Utdanningsforbundet", "Delta", "NSF", "Fellesorganisasjonen",
          "Akademikerne", "Unio", "Skolenes landsforbund"]
GUEST_ROLES = ["helsesjef i {K}", "økonomisjef i {K}", "næringssjef i {K}", "oppvekstsjef i {K}",
               "kommunalsjef i {K}", "personalsjef i {K}", "rådgiver i KS", ("seniorrådgiver hos "
               "Statsforvalteren"), "fylkesdirektør for samferdsel", ("prosjektleder i "
               "fylkeskommunen"), "klinikksjef ved sykehuset", "IKT-leder i {K}",
               "beredskapskoordinator i {K}", "plansjef i {K}", "samhandlingssjef i helseforetaket",
               "daglig leder i næringshagen", "kommuneoverlege i {K}", "arkivleder i IKA",
               "rådgiver i Innovasjon Norge", "leder av {F}"]
STAFF_TITLES = ["daglig leder", "regional koordinator", "sekretariatsleder", "regionkoordinator"]
STAFF2_TITLES = ["rådgiver", "prosjektleder", "samhandlingskoordinator", "næringsrådgiver",
                 "spesialrådgiver", "kommunikasjonsrådgiver", "seniorrådgiver"]
DEPUTY_TITLES = ["Ass. kommunedirektør", "Kommunalsjef", "Assisterende rådmann", "Økonomisjef"]
LOCATION_PATTERNS = ["Rådhusstua, {K} rådhus", "{K} kommune, Formannskapssalen",
                     "{K} rådhus, kommunestyresalen", "Teams", "{O} sine lokaler, {ST} {N}, {K}",
                     "Quality Hotel {K}", "{K} kulturhus", "{K} næringshage", "Scandic {K}",
                     "{K} kommune, møterom {R}", "{K} Økopark", "Rådhuset i {K}, møterom {R}",
                     "Teams/{K} rådhus"]
ROOM_NAMES = ["Fjorden", "Utsikten", "Lyngen", "Stua", "2. etasje", "Peisestua", "Salen",
              "Biblioteket", "Kantina", "Glasshuset"]

# Topics. Entries may end in "@YYYY-YYYY" (only in those years). Slots in braces are filled in.
TOPICS_SPEC = """
== barnevern
stems: barneverns, fosterhjems, barnevern, barne
titles: Felles barnevernvakt | Barnevernsreformen – konsekvenser for kommunene @2019-2025 | Interkommunalt barnevernssamarbeid | Fosterhjemstjenesten – status | Mulighetsstudie felles barnevern | Barnevernvakt – evaluering av driften | Økte utgifter i barnevernet | Tilsyn med barn i fosterhjem
phrases: tidlig innsats og forebygging | økt egenandel for plasseringer i institusjon | rekruttering av fosterhjem | felles barnevernvakt på kveldstid og i helger | tilsynsførere for barn i fosterhjem | ansvarsdeling mellom Bufetat og kommunene | kompetansekrav for ansatte i barnevernet | samarbeid mellom barnevern, skole og helsestasjon | dreining fra reparasjon til forebygging | akuttberedskap utenfor kontortid
facts: Barnevernslederne i regionen har kartlagt kapasiteten i tjenestene. | Flere kommuner melder om økte utgifter til tiltak utenfor hjemmet. | Bufetat orienterte om endringer i tilbudet av institusjonsplasser. | Kompetansekravene i barnevernet gjelder fullt ut fra 2031, og kommunene må planlegge videreutdanning nå. | Barnevernvakten hadde {NUM} henvendelser i {Y0}, de fleste på kveldstid. | Det er ønskelig å se barnevern og oppvekst i sammenheng i det videre arbeidet.

== helse
stems: samhandlings, helse, legevakt, pasient, sykehus, fastlege
titles: Samhandlingsreformen @2008-2016 | Helsefellesskapet @2019-2030 | Interkommunal legevakt | Kommunale akutte døgnplasser (KAD) @2012-2030 | Utskrivningsklare pasienter | Tjenesteavtaler med helseforetaket | Helseplattformen @2018-2030 | Felles samhandlingskoordinator | Fastlegeordningen – rekrutteringsutfordringer @2016-2030 | Utviklingsplan for helseforetaket | Legevaktsamarbeid – ny avtale
phrases: utskrivningsklare pasienter fra sykehuset | kommunal medfinansiering av spesialisthelsetjenesten @2012-2015 | rekruttering og stabilisering av fastleger | felles legevakt på natt | digital hjemmeoppfølging | samarbeid mellom kommunene og helseforetaket | tjenesteavtalene med sykehuset | pasientforløp for eldre og kronisk syke | bemanningsbyråer i helse og omsorg | oppgavedeling mellom sykehus og kommuner
facts: Helselederne i kommunene har gått gjennom tjenesteavtalene. | Antallet utskrivningsklare pasienter har økt den siste tiden. | Sykehuset og kommunene har ulike tall for liggedøgn, og det er behov for en felles forståelse. | Helseledernettverket utarbeider forslag til felles saksfremlegg til kommunene. | Flere kommuner har hatt ubesatte fastlegehjemler i over et år. | Legevaktsentralen har etablert nye rutiner for samarbeid med ambulansetjenesten.

== naering
stems: nærings, innovasjons, gründer, etablerer, industri, verdiskapings
titles: Strategisk næringsplan | Regionalt næringsfond | Samordnet næringsapparat | Næringsarealer i regionen | Etablerertjenesten | Industriuka og Arendalsuka @2015-2030 | Omstillingsprogram for regionen | Strategisk næringsarealplan | Handlingsplan for felles næringsmidler | Næringsvennlig region @2014-2030 | Samarbeid med næringshagen
phrases: tilgjengelige næringsarealer | arbeidsplasser i privat sektor | etablering av nye virksomheter | samarbeid med næringshagen | felles profilering av regionen | kompetansebehov i industrien | vertskapsattraktivitet for nye etableringer | bruk av regionale utviklingsmidler | oppfølging av gründere i tidlig fase | samarbeidet med Innovasjon Norge
facts: Næringssjefene har utarbeidet et forslag til handlingsplan for felles næringsmidler. | Det er stor pågang fra virksomheter som ønsker å etablere seg i regionen. | Regionen mangler store, regulerte næringsarealer nær hovedveinettet. | Innovasjon Norge orienterte om nye tilskuddsordninger. | Etablerertjenesten har hatt {NUM} veiledningssamtaler siden {MONTH}. | Bedriftene etterlyser en tydeligere felles inngang til kommunene.

== digitalisering
stems: digitaliserings, IKT-, arkiv, informasjonssikkerhets, personverns, data, teknologi
titles: Digitaliseringsstrategi for regionen | Felles IKT-samarbeid | Nytt sak- og arkivsystem | Personvernforordningen (GDPR) @2017-2019 | Regionalt digitaliseringsnettverk @2016-2030 | Felles personvernombud @2018-2030 | Velferdsteknologi | eByggesak @2015-2030 | Felles ERP-system | Digital kompetanse for ansatte | Skytjenester og informasjonssikkerhet @2018-2030 | Digitale innbyggertjenester
phrases: felles anskaffelse av nytt sak- og arkivsystem | informasjonssikkerhet og personvern | digitale innbyggertjenester | gevinstrealisering i digitaliseringsprosjektene | felles skyløsninger | digital kompetanse hos ledere | integrasjoner mellom fagsystemene | felles tjenestekatalog | sikker pålogging med ID-porten | utfasing av gamle fagsystemer
facts: Digitaliseringsnettverket har prioritert tre felles prosjekter for {Y}. | Kommunene har ulike fagsystemer, noe som gjør felles løsninger krevende. | KS orienterte om nasjonale fellesløsninger og finansiering gjennom DigiFin. @2017-2030 | Prosjektet skal gi oversikt over hvilken informasjon som ligger lagret i hvilke systemer. | Anskaffelsen gjennomføres som en felles konkurranse med {K} som vertskommune. | Det er inngått en databehandleravtale som gjelder for alle deltakerkommunene.

== korona
stems: smittevern, vaksinasjons, beredskaps, karantene, test
titles: Koronasituasjonen @2020-2022 | Vaksinasjon – status i kommunene @2021-2022 | Smittevernstiltak i regionen @2020-2022 | TISK – testing, isolering, smittesporing og karantene @2020-2022 | Erfaringer fra pandemien @2022-2023 | Kriseledelse under pandemien @2020-2021
phrases: smittetrykket i regionen @2020-2022 | testkapasitet og smittesporing @2020-2022 | regionale tiltak mot smitte @2020-2022 | vaksinasjon av ansatte i helse og omsorg @2021-2022 | karantene for tilreisende arbeidstakere @2020-2021 | ekstra kostnader knyttet til pandemien @2020-2022 | hjemmekontor og digitale møter @2020-2022
facts: Kommunedirektørene oppdaterte hverandre på situasjonen i sin respektive kommune. @2020-2022 | Kommunene forbereder seg på ny smittetopp, basert på tilbakemeldingene fra Statsforvalteren. @2020-2022 | {K} har rødt nivå på skole og barnehage, mens de øvrige kommunene er på gult nivå. @2020-2021 | Kommunen har god kapasitet på koronatelefonen og testsenteret. @2020-2022 | Vaksinasjonen går etter planen, men leveransene er ujevne. @2021-2021 | Det er ønskelig med felles regionale tiltak for å unngå ulik praksis. @2020-2022

== innkjop
stems: innkjøps, anskaffelses, rammeavtale, e-handels
titles: Innkjøpssamarbeid – ny rammeavtale | Felles innkjøpskontor | Oppsigelse av innkjøpssamarbeid | Anskaffelsesstrategi for regionen | E-handel i kommunene @2014-2030 | Innkjøp av nytt ERP-system | Rammeavtaler for konsulenttjenester | Seriøsitetsbestemmelser i anskaffelser
phrases: felles rammeavtaler | seriøsitetsbestemmelser i kontraktene | oppfølging av leverandører | lokale leverandørers muligheter i konkurransene | miljøkrav i offentlige anskaffelser | innsparinger gjennom felles innkjøp | avrop på eksisterende avtaler | kompetanse på anskaffelser i små kommuner
facts: Innkjøpskontoret har gjennomført {NUM} konkurranser på vegne av kommunene i {Y0}. | Samarbeidsavtalen kan sies opp av den enkelte kommune med ett års skriftlig varsel. | Det er et ønske fra alle om i størst mulig grad å benytte like systemer og felles anskaffelser. | Flere avtaler går ut i {Y1}, og nye konkurranser må forberedes nå. | {K} er vertskommune for innkjøpssamarbeidet. | Klagenemnda har behandlet én sak fra regionen, uten at det ble funnet brudd på regelverket.

== okonomi
stems: budsjett, økonomi, regnskaps, finansierings, skatte, tilskudds
titles: Budsjett {Y1} for {O} | Regnskap og årsmelding {Y0} | Økonomiplan {Y1}–{Y4} | Fordelingsnøkkel for felles kostnader | Statsbudsjettet {Y1} – konsekvenser for kommunene | Kommuneproposisjonen {Y1} | Inntektssystemet for kommunene | Budsjettinnspill fra sekretariatet | Rapportering og virksomhetsstyring | Finansiering av felles stillinger
phrases: fordelingsnøkkelen for felles kostnader | økte pensjonskostnader | lønns- og prisvekst | frie inntekter | budsjettrammene for {Y1} | finansiering gjennom skjønnsmidler | egenandeler fra kommunene | handlingsrommet i kommuneøkonomien | kostnadsfordeling etter innbyggertall | avsetning til disposisjonsfond
facts: Budsjettet for {Y1} er satt opp med en samlet ramme på {M}. | Kostnadene fordeles med 50 % likt og 50 % etter innbyggertall. | Regnskapet for {Y0} viser et mindreforbruk på {M}. | Statsbudsjettet gir en svakere realvekst i frie inntekter enn ventet. | For {Y0} betalte {O} {M} til kjøp av tjenester, og for {Y} er budsjettet {M}. | Sekretariatet foreslår at mindreforbruket avsettes til fond.

== klima
stems: klima, miljø, utslipps, klimatilpasnings, overvanns
titles: Klimaplan for regionen | Klimasats – søknad om midler @2016-2030 | Felles klimanettverk | Klimatilpasning og overvann | Klimaregnskap for kommunene @2019-2030 | Miljøsertifisering av kommunale virksomheter | Fossilfrie bygge- og anleggsplasser @2018-2030
phrases: klimagassutslipp fra transport | fossilfrie anleggsplasser | klimatilpasning i arealplanleggingen | overvannshåndtering i sentrumsområdene | klimakrav i anskaffelser | energieffektivisering av kommunale bygg | ladeinfrastruktur for elbiler | klimabudsjett som styringsverktøy
facts: Miljødirektoratet har innvilget {M} i støtte til forprosjektet. | Klimanettverket har utarbeidet et forslag til felles klimamål for regionen. | Kommunene har ulike utgangspunkt, men alle har vedtatt å halvere utslippene innen 2030. | Flom og overvann har gitt store skader i {K} de siste årene. | Det er lyst ut midler til ladeinfrastruktur med søknadsfrist {D}. | Kommunene rapporterer årlig på klimaregnskapet.

== samferdsel
stems: samferdsels, vei, kollektiv, trafikksikkerhets, jernbane, transport
titles: Riksveiutbygging gjennom regionen – status | Nasjonal transportplan {Y}–{Y11} | Fylkesveier – vedlikeholdsetterslep | Kollektivtilbud i regionen | Trafikksikker kommune | Regional transportplan | Jernbanestrekningen – høring | Skoleskyss og kollektivtransport | Bompengeprosjekt – lokalpolitisk behandling
phrases: vedlikeholdsetterslepet på fylkesveiene | utbedring av riksveien gjennom regionen | kollektivtilbudet mellom kommunesentrene | trafikksikkerhet rundt skolene | skoleskyss for elever i spredtbygde strøk | bompengefinansiering | innspill til Nasjonal transportplan | tømmertransport på kommunale veier | gang- og sykkelveier langs fylkesveien
facts: Statens vegvesen orienterte om fremdriften i planarbeidet for riksveien. | Fylkeskommunen har varslet kutt i vedlikeholdsbudsjettet for fylkesveier. | Regionen bør stå samlet om ett prioritert samferdselsprosjekt. | Strekningen mellom {K} og {K2} er prioritert i fylkeskommunens handlingsprogram. | Det er behov for bedre korrespondanse mellom buss og tog. | Kommunene har sendt felles innspill til Nasjonal transportplan.

== skole
stems: skole, oppvekst, barnehage, lærings, lærer
titles: Regional kompetanseutvikling i skolen (Dekomp) @2017-2030 | Felles barnehagemyndighet | Oppvekstreformen @2021-2030 | Skolebruksplan | Kompetanseløftet for spesialpedagogikk @2020-2030 | Felles skoleeier-nettverk | Tilskudd til private barnehager @2015-2030 | Læringsmiljøprosjektet
phrases: deflatorjustering av tilskuddet til private barnehager @2019-2030 | videreutdanning for lærere | kompetansekrav for undervisning @2015-2030 | spesialpedagogisk hjelp | inkluderende barnehage- og skolemiljø | samarbeid med universitetet om skolebasert kompetanseutvikling | frafall i videregående skole | lærerrekruttering i distriktene
facts: Oppvekstnettverket har gått gjennom søknadene om tilskuddsmidler for {Y}. | Kravet fra PBL om å deflatorjustere tilskuddet til private barnehager avventer behandling i KS og departementet. @2019-2030 | Skolene i regionen deltar i et felles utviklingsprogram sammen med høgskolen. | Det er stor forskjell på ressursbruken per elev mellom kommunene. | {K} har utarbeidet en skolebruksplan som kan deles med de andre kommunene. | Partnerskapet med universitetet er forlenget ut {Y1}.

== kompetanse
stems: kompetanse, rekrutterings, lærlinge, arbeidsgiver, lønns, sykefraværs, heltids
titles: Lederdagen {Y} | Felles lønnspolitikk | Rekruttering av sykepleiere | Heltidskultur i helse og omsorg @2016-2030 | Kompetanseregionen @2012-2030 | Lærlingeordningen i kommunene | Felles lederutviklingsprogram | Sykefravær – felles tiltak | Forespørsel fra kompetansenettverket
phrases: rekruttering av fagpersonell | heltidskultur i helse og omsorg @2016-2030 | felles lederutvikling | lærlingeplasser i kommunene | konkurranse om arbeidskraft mellom kommunene | sykefraværet i kommunene | lokale lønnsforhandlinger | lederdagen for alle ledere i regionen | kompetanseplaner for ansatte
facts: Kompetansenettverket står for planlegging og gjennomføring av lederdagen. | Sykefraværet har økt i {Y0}, særlig innen helse og omsorg. | Det er ønskelig at lederdagen gjennomføres i {MONTH} {Y1}. | Kommunene konkurrerer om de samme sykepleierne, og det er behov for felles retningslinjer for bruk av vikarbyråer. | HR-nettverket har utarbeidet et forslag til felles rekrutteringskampanje. | Alle kommunene har tatt inn lærlinger i tråd med måltallet.

== beredskap
stems: beredskaps, krise, brann, redning, ROS-
titles: Felles beredskapsplan | Interkommunalt brann- og redningsvesen | Helhetlig ROS-analyse | Beredskapsøvelse {Y} | Kriseledelse og krisekommunikasjon | Nødnett og varsling | Samarbeid med Sivilforsvaret
phrases: helhetlig risiko- og sårbarhetsanalyse | øvelser i kriseledelse | felles beredskapskoordinator | varsling av befolkningen | forsyningssikkerhet for vann og strøm | evakuering ved flom og skred | samarbeid med politiet i beredskapsrådet
facts: Beredskapsrådet har gjennomført en felles øvelse med {NUM} deltakere. | DSB har varslet tilsyn med kommunenes beredskapsarbeid. | Kommunene har ulike planer, og det er behov for en felles mal. | Det er sett på muligheten for et felles vaktlag mellom {K} og {K2}. | Erfaringene fra øvelsen tas inn i revisjonen av planene. | Kriseledelsens sammensetning varierer mellom kommunene.

== kommunereform
stems: kommunestruktur, sammenslåings, struktur, utrednings
titles: Kommunereformen – status @2014-2019 | Utredning av ny kommunestruktur @2014-2017 | Intensjonsavtaler og folkeavstemninger @2015-2016 | Nye kommuner fra 1. januar 2020 @2017-2020 | Vurdering av nye regiontilknytninger | Regionrådets rolle etter kommunereformen @2016-2020
phrases: ny kommunestruktur i regionen @2014-2019 | intensjonsavtaler mellom kommunene @2015-2017 | folkeavstemninger om sammenslåing @2015-2016 | regionrådets framtidige rolle | inndeling av samarbeidsregioner | medlemskap i nabosamarbeid
facts: Fylkesmannen har bedt kommunene om å avklare sine veivalg innen {D}. @2014-2017 | {K} og {K2} har inngått en intensjonsavtale om sammenslåing. @2015-2016 | Flere kommuner har vedtatt å stå alene. @2016-2019 | Spørsmålet om regiontilknytning er av strategisk betydning for regionen. | Sekretariatet forbereder en sak til regionrådet om framtidig organisering.

== regionreform
stems: region, fylkes, partnerskaps
titles: Regionreformen og nye fylkeskommuner @2017-2020 | Samarbeidsavtale med fylkeskommunen | Regional planstrategi | Nye oppgaver til fylkeskommunene @2017-2020 | Oppdeling av fylkeskommunen @2022-2024
phrases: samarbeidet med den nye fylkeskommunen | regionale partnerskap | nye oppgaver til regionalt nivå | fylkeskommunens rolle som samfunnsutvikler | regionale utviklingsmidler | felles uttalelse fra kommunene
facts: Fylkeskommunen inviterer regionrådene til samarbeid om regional planstrategi. | Det er usikkert hvordan oppgavene fordeles etter reformen. | Regionen bør være tydelig på sine prioriteringer overfor fylkeskommunen. | Partnerskapsavtalen med fylkeskommunen utløper ved utgangen av {Y}.

== plan
stems: areal, plan, sentrums, regulerings, kystsone, planstrategi
titles: Regional plan for areal og transport | Planstrategi {Y}–{Y3} | Interkommunalt plansamarbeid | Kystsoneplan @2012-2030 | Felles planforum | Sentrumsutvikling i kommunene | Plan- og bygningsloven – felles tilsynskontor
phrases: interkommunalt plansamarbeid | planforum med regionale myndigheter | arealplanlegging på tvers av kommunegrensene | sentrumsutvikling og stedsutvikling | felles kystsoneplan | digitalt planregister | byggesaksbehandling og tilsyn
facts: Planlederne har utarbeidet en felles mal for planstrategi. | Plansamarbeidet er finansiert av skjønnsmidler fra {Y0} til {Y1}. | Statsforvalteren har fremmet innsigelse til arealdelen i {K}. | Kommunene ønsker å videreføre plansamarbeidet også etter at prosjektperioden er over. | Det er behov for bedre kart- og plandata i flere kommuner.

== bosetting
stems: bosettings, integrerings, introduksjons, flyktning, kvalifiserings
titles: Bosetting av flyktninger {Y} @2015-2017 | Bosetting av flyktninger fra Ukraina @2022-2024 | Introduksjonsprogrammet | Integreringsloven – ny organisering @2020-2022 | Anmodning om bosetting {Y1} | Felles flyktningtjeneste
phrases: anmodningen fra IMDi om bosetting | bolig til nyankomne flyktninger | introduksjonsprogrammet | norskopplæring for voksne | kvalifisering til arbeid | samarbeid med NAV om arbeidstrening | enslige mindreårige flyktninger
facts: IMDi har anmodet kommunene i regionen om å bosette til sammen {NUM} flyktninger. | Kommunene har vedtatt ulike måltall for bosetting. | Det er krevende å skaffe nok egnede boliger. | Flyktningtjenesten i {K} har etablert et felles tilbud med {K2}. | Integreringstilskuddet dekker ikke alle kostnadene det første året.

== folkehelse
stems: folkehelse, friluftslivs, idretts, ungdoms, levekårs
titles: Folkehelseprofiler {Y} | Program for folkehelsearbeid @2017-2027 | Ungdata-undersøkelsen @2012-2030 | Folkehelsekoordinator – felles stilling | Friluftslivets år @2015-2015 | Levekårsutfordringer i regionen
phrases: sosial ulikhet i helse | fysisk aktivitet blant barn og unge | psykisk helse hos ungdom | Ungdata-undersøkelsen @2012-2030 | lavterskeltilbud for ungdom | levekår og utenforskap | friluftsliv i nærmiljøet
facts: Folkehelseprofilene viser at regionen ligger over landssnittet for uføretrygd. | Ungdata-undersøkelsen gjennomføres i alle kommunene i {Y}. @2012-2030 | Folkehelsekoordinatorene møtes fire ganger i året. | Fylkeskommunen har invitert kommunene til å delta i programmet.

== kultur
stems: kultur, reiselivs, destinasjons, museums, arrangements, frivillighets
titles: Regional reiselivsplan | Destinasjonsselskap – eierskap og finansiering | Kulturnettverket | Arrangementsstøtte {Y} | Kulturminneplan | Frivillighetspolitikk i regionen
phrases: felles destinasjonsselskap | markedsføring av regionen som reisemål | kulturtilbud for barn og unge | frivillige lag og foreninger | arrangementer av regional betydning | kulturminner og kulturmiljøer
facts: Destinasjonsselskapet ber om økt tilskudd fra kommunene. | Reiselivet i regionen hadde rekordmange gjestedøgn i {Y0}. | Kulturnettverket foreslår en felles kulturkalender. | Frivilligsentralene ønsker et tettere samarbeid på tvers av kommunene.

== landbruk
stems: landbruks, skogbruks, jordbruks, vilt
titles: Felles landbrukskontor | Landbruksplan for regionen | Skogbruksplanlegging | Regionalt miljøprogram i landbruket
phrases: felles landbrukskontor | jordvern og nydyrking | skogsveier og tømmerkaier | rekruttering til landbruket | viltforvaltning på tvers av kommunene
facts: Landbrukskontoret betjener {K}, {K2} og {K3}. | Det er stor etterspørsel etter tilskudd til drenering. | Jordvernmålet krever tydelige prioriteringer i arealplanene.

== vann
stems: vann, avløps, renovasjons, avfalls
titles: Hovedplan for vann og avløp | Interkommunalt renovasjonsselskap – eierstrategi | Ny avfallsforskrift | Felles vannverk | Vannregionen – forvaltningsplan
phrases: fornyelse av vann- og avløpsnettet | leveringssikkerhet for drikkevann | kildesortering og gjenvinning | felles avfallsforskrift | avløpsrensing i spredt bebyggelse | gebyrnivået for vann og avløp
facts: Fornyelsestakten på ledningsnettet er for lav i de fleste kommunene. | Renovasjonsselskapet foreslår en ny eierstrategi. | Mattilsynet har gitt pålegg om bedre vannbehandling i {K}. | Kommunene bør se på muligheten for en felles driftsorganisasjon.

== bredband
stems: bredbånds, mobil, fiber, nett
titles: Bredbåndsutbygging – søknad om tilskudd | Mobildekning langs fylkesveiene | Digital infrastruktur i distriktene | Fiberutbygging – samarbeid med fylkeskommunen
phrases: bredbåndsdekning i spredtbygde strøk | fiber til husstandene | mobildekning langs hovedveiene | statlig tilskudd til bredbånd | reservestrøm i mobilnettet
facts: {NUM} husstander i regionen mangler fortsatt tilbud om høyhastighetsbredbånd. | Nkom har lyst ut nye midler til bredbåndsutbygging. | Fylkeskommunen prioriterer områder uten kommersiell utbygging.

== eierskap
stems: eierskaps, selskaps, samarbeids, vertskommune
titles: Eierstrategi for de interkommunale selskapene | Oppdatering av oversikt for interkommunalt samarbeid | Vedtekter for {O} | Ny kommunelov – konsekvenser for samarbeidet @2018-2020 | Årsmelding {Y0} | Samarbeidsavtale for {O} | Evaluering av det regionale samarbeidet | Møtestruktur og arbeidsform
phrases: eierstyring av interkommunale selskaper | vertskommunesamarbeid | representantskapets rolle | kommunale oppgavefellesskap @2018-2030 | oversikt over alle samarbeidsordninger | arbeidsdelingen mellom sekretariatet og kommunene
facts: Sekretariatet har utarbeidet en oversikt over alle interkommunale samarbeid i regionen. | Den nye kommuneloven krever at samarbeidsavtalene gjennomgås. @2018-2021 | Representantskapet behandler saken i sitt møte i {MONTH}. | Evalueringen viser at kommunene er godt fornøyd med samarbeidet. | Årsmeldingen sendes kommunene til orientering.

== kontroll
stems: kontrollutvalgs, revisjons, tilsyns
titles: Kontrollutvalgssekretariat | Felles revisjonsordning | Tilsyn fra Statsforvalteren | Selskapskontroll
phrases: sekretariatstjenester for kontrollutvalgene | felles revisjonsselskap | forvaltningsrevisjon | statlige tilsyn med kommunene
facts: {K} kommune følger opp saken om kontrollutvalgssekretariat. | Revisjonsselskapet har sendt forslag til ny honorarmodell. | Statsforvalteren har varslet felles tilsyn med kommunene i regionen.

== nav
stems: NAV-, sosial, bolig, velferds
titles: NAV-kontorstruktur | Boligsosialt arbeid | Ungdomsgarantien @2020-2030 | Partnerskapet med NAV | Startlån og bostøtte
phrases: ungdom utenfor arbeid og utdanning | boligsosiale tiltak | startlån fra Husbanken | partnerskapsavtalen med NAV | økonomisk sosialhjelp
facts: NAV fylke orienterte om ny kontorstruktur. | Utgiftene til økonomisk sosialhjelp har økt i {Y0}. | Husbanken tilbyr veiledning til kommunene i det boligsosiale arbeidet.

== omsorg
stems: omsorgs, sykehjems, hjemmetjeneste, demens, velferdsteknologi
titles: Heldøgns omsorgsplasser | Leve hele livet @2018-2030 | Demensplan | Velferdsteknologi i hjemmetjenesten | Kompetanseheving i omsorgstjenestene
phrases: heldøgns omsorgsplasser | aldersvennlige lokalsamfunn | velferdsteknologi i hjemmetjenesten | dagtilbud for personer med demens | pårørendestøtte | økt andel eldre i befolkningen
facts: Befolkningsframskrivingene viser en sterk økning i antall eldre over 80 år. | Kommunene deler erfaringer med digitalt tilsyn. | {K} har tatt i bruk medisindispensere i hjemmetjenesten.

== psykisk
stems: rus, psykiatri, psykisk helse-
titles: Rus og psykisk helse – felles tilbud | Opptrappingsplan for rusfeltet | FACT-team @2014-2030 | Lavterskeltilbud for ungdom
phrases: lavterskeltilbud innen psykisk helse | ambulante team | oppfølging av personer med rusavhengighet | samarbeid med distriktspsykiatrisk senter
facts: Det er etablert et felles FACT-team sammen med helseforetaket. @2014-2030 | Ventetidene i distriktspsykiatrisk senter har økt. | Kommunene etterlyser bedre samhandling ved utskrivning fra psykisk helsevern.

== energi
stems: energi, kraft, nett, vindkraft
titles: NVE – forskrift om energiutredning | Nettforsterkning og kraftledninger | Vindkraft – regional holdning | Kraftkrevende industri i regionen | Energiplan for regionen
phrases: kapasitet i strømnettet | konsesjon for nye kraftledninger | vindkraft på land | energi til ny industri | kraftinntekter og eiendomsskatt
facts: Statnett har sendt konseptvalgutredningen på høring. | Kapasiteten i strømnettet begrenser nye industrietableringer. | Det er ønskelig med en felles uttalelse fra kommunene. | Olje- og energidepartementet har forlenget høringsfristen til {D}.

== hoering
stems: lov, forskrifts, regelverks, uttalelses
titles: Høring – forslag til endringer i plan- og bygningsloven | Høring – ny domstolstruktur @2020-2022 | Høring – forslag til ny forskrift | Høringsuttalelse til regional plan | Høring – endringer i kommuneloven | Høring – ny opplæringslov @2021-2023
phrases: en felles høringsuttalelse fra kommunene | konsekvensene for små kommuner | høringsfristen | forslaget til ny forskrift | lovendringene som trer i kraft {Y1}
facts: Høringsfristen er {D}. | Forslag til uttalelse behandles politisk, og det utarbeides et felles forslag til saksfremlegg. | Sekretariatet har laget et utkast til høringsuttalelse. | Departementet ber særlig om synspunkter på konsekvensene for kommunene.

== regional
stems: utviklings, regional, samfunns, strategi
titles: Regional strategi {Y}–{Y4} | Styrings- og strategidokument for {O} | Handlingsplan {Y} | Regionale utviklingsmidler {Y} | Felles satsingsområder | Utviklingsprosjekt – felles tjenesteutvikling | Skjønnsmidler – søknad om fornyingsmidler
phrases: felles satsingsområder for regionen | regionale utviklingsmidler | nytteeffekten av samarbeidet | innovasjon i kommunal tjenesteproduksjon | samordning og nettverksbygging | skjønnsmidler fra Statsforvalteren
facts: {O} er tildelt {M} i skjønnsmidler til utviklingsprosjekt. | Målet er å kartlegge, analysere og videreutvikle samarbeidet om kommunale tjenester. | Strategidokumentet skal behandles i alle kommunestyrene før sommeren. | Prosjektet skal prioritere noen felles satsingsområder, som i neste omgang kan gi flere samarbeidsområder.
"""


def _years(text: str) -> tuple[str, int, int]:
    match = re.search(r"\s*@(\d{4})-(\d{4})\s*$", text)
    if match:
        return text[: match.start()].strip(), int(match.group(1)), int(match.group(2))
    return text.strip(), 0, 9999


@dataclass
class Topic:
    key: str
    stems: list
    titles: list  # (text, from, to)
    phrases: list
    facts: list


def _parse_topics(spec: str) -> list[Topic]:
    topics = []
    for block in spec.split("== ")[1:]:
        lines = block.strip().splitlines()
        fields = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            fields[name.strip()] = value
        topics.append(Topic(
            key=lines[0].strip(),
            stems=[s.strip() for s in fields["stems"].split(",")],
            titles=[_years(t) for t in fields["titles"].split("|")],
            phrases=[_years(t) for t in fields["phrases"].split("|")],
            facts=[_years(t) for t in fields["facts"].split("|")],
        ))
    return topics


TOPICS = _parse_topics(TOPICS_SPEC)
GENERIC_STEMS = ["samarbeids", "utviklings", "kommune", "region", "tjeneste", "organisasjons",
                 "kvalitets", "prosjekt", "drifts", "informasjons", "kommunikasjons", "leder",
                 "styrings", "arbeids", "ressurs", "innbygger", "bruker", "forvaltnings"]

# Sentence frames. Slots: A/a actor (capitalised / mid-sentence), N/Ni/Np/Nq noun phrase
# (definite, indefinite, definite plural, indefinite plural), S topic phrase, K/K2 municipality,
# Y/Y0/Y1 year, D date, M money, P percent, NUM a count, X external actor, F forum, O organisation,
# B this body (definite), MONTH a month.
FRAMES = [s.strip() for s in """
{A} orienterte om {N}.
{A} redegjorde for status i arbeidet med {N}.
{A} ga en kort oppdatering om {N} og {N}.
{A} la fram en foreløpig oversikt over {Np}.
{A} gikk gjennom hovedpunktene i {N}.
{A} presenterte {Ni} som er utarbeidet sammen med {X}.
{A} viste til at {S} har vært drøftet i {F}.
{A} understreket betydningen av god forankring i kommunene.
{A} påpekte at {N} må ses i sammenheng med {S}.
{A} etterlyste en tydeligere ansvarsdeling mellom kommunene og {X}.
Det ble drøftet hvordan kommunene best kan samordne {Np}.
Kommunene har ulike erfaringer med {N}, og det er behov for en felles tilnærming i regionen.
Det er satt av {M} til {Ni} i budsjettet for {Y}.
{K} og {K2} har allerede startet arbeidet, mens de øvrige kommunene avventer.
Det er ønskelig at {N} ses i sammenheng med {N}.
Saken har tidligere vært drøftet i {F}.
{X} har sendt ut {Ni} på høring med frist {D}.
Arbeidsgruppen har levert sin rapport og anbefaler at {N} videreføres.
Prosjektet finansieres delvis med skjønnsmidler og delvis med egenandeler fra kommunene.
Det ble pekt på at {N} krever mer ressurser enn forutsatt.
Flere av kommunene melder om økt press på {Np}.
Det er viktig at kommunene stiller med riktig kompetanse i {N}.
Det er en forutsetning at saken behandles politisk i alle kommunene før {D}.
Status per {MONTH}: omtrent {P} prosent av tiltakene i {N} er gjennomført.
Målet er å styrke {N} og sikre likeverdige tjenester for innbyggerne i regionen.
Erfaringsdeling mellom kommunene ble trukket fram som viktig.
{B} diskuterte kort {Np} i kommunene.
{X} ønsker et tettere samarbeid med regionen om {S}.
Det er usikkert hvordan {N} vil påvirke kommuneøkonomien på sikt.
Kommunene rapporterer om en positiv utvikling når det gjelder {S}.
{K} har god erfaring med {Ni} og deler gjerne sine rutiner.
Det ble stilt spørsmål ved om {N} gir de gevinstene som var forventet.
Sekretariatet har fått en henvendelse fra {X} om {S}.
Målgruppen er ledere og fagpersoner i kommunene, men tema er også relevant for politikerne.
Det legges opp til en felles prosess med innspill fra alle kommunene.
{N} må være på plass før {D}.
Det er lagt opp til en arbeidsgruppe med én representant fra hver kommune.
Arbeidet skal ferdigstilles i løpet av {Y}.
Forslaget innebærer at {N} organiseres som {Ni} med {K} som vertskommune.
{A} stilte spørsmål om fremdriften i {N}.
Det vil kreve noen ressurser å gjennomføre prosessen fram til ferdigstilling.
Det ble enighet om å sende et felles brev til {X}.
Innspillene fra kommunene bearbeides før saken sendes på høring.
Flere kommuner har allerede innarbeidet {N} i økonomiplanen.
Det er behov for å avklare hvem som har ansvaret for {N}.
{X} har varslet at {Nq} vil bli prioritert i {Y1}.
Det ble vist til at {S} er et felles ansvar.
Temaet har vært oppe til drøfting tidligere, men den gangen var initiativet knyttet til enkeltkommuners ønske om {S}.
Kommunene er samstemte om at {N} bør videreføres.
Det er gjort en grundig kartlegging av {Np} i alle kommunene.
{A} informerte om at {Ni} er under utarbeidelse.
Det kom fram ulike syn på hvordan {N} bør finansieres.
Samarbeidet med {X} om {S} fungerer godt.
Nytteeffekten av {N} er vanskelig å måle, men tilbakemeldingene er gode.
En del av arbeidet er allerede gjort i {F}.
Rapporten viser store forskjeller mellom kommunene når det gjelder {S}.
{A} viste en kort presentasjon som sendes ut sammen med referatet.
Hovedtema var {S} og {S}.
Det er viktig å unngå dobbeltarbeid mellom {F} og {F}.
Kommunene har meldt inn behov for {Nq} til sekretariatet.
{N} evalueres etter {P} måneder.
""".strip().splitlines()]

S_FRAMES = ["Det ble særlig pekt på {S}.", "Et sentralt tema var {S}.",
            "Kommunene er opptatt av {S}.", "Drøftingen handlet i hovedsak om {S}.",
            "Det er behov for mer kunnskap om {S}.", "{A} tok opp spørsmålet om {S}.",
            "Utfordringene knyttet til {S} er størst i de minste kommunene.",
            "Flere etterlyste en felles plan for {S}."]

BULLET_FRAMES = ["{S} – {a} følger opp mot {X}", "{Cap} – status ved {a}",
                 "{S}: kommunene melder tilbake innen {D}", "{A} orienterte om {N}",
                 "{Cap} er sendt ut på høring med frist {D}", "{A} gikk gjennom {N}",
                 "Diskuteres videre i {F}", "Behov for {Nq} i alle kommunene",
                 "{S} – saken følges opp i {F}", "{K} deler sine erfaringer med {N}",
                 "Planlagt politisk behandling i kommunene før {D}", "{Cap} – utsettes",
                 "{X} inviterer til samling om {S} {D}", "Innspill til {N} sendes sekretariatet",
                 "{S}", "{Cap} ble drøftet", "Ønske om {Ni} på tvers av kommunene"]

PLAIN_CONCLUSIONS = [
    "Saken tas til orientering.", "Saken ble tatt til orientering.",
    "Orienteringen tas til orientering.", "{B} slutter seg til forslaget.",
    "{B} tar saken til etterretning.", "{B} gir sin tilslutning til {N}.",
    "Mandatet ble godkjent som det forelå.",
    "Forslaget ble vedtatt med de endringer som fremkom i møtet.",
    "Kommunene gir innspill til sekretariatet innen {D}.",
    "{B} anbefaler at {N} legges fram for politisk behandling i kommunene.",
    "Det utarbeides et felles saksfremlegg til kommunene.",
    "{B} støtter at {O} sender en felles høringsuttalelse.",
    "{B} ber om at {N} ses i sammenheng med {N}.",
    "Saken tas til orientering. Kommunene melder tilbake om status i eget arbeid.",
    "{B} understreket betydningen av {S}.",
    "{K}, {K2} og {K3} har samtaler om eventuelle felles behov og samarbeid.",
    ("Forslag til uttalelse behandles politisk, og det utarbeides et felles forslag til "
    "saksfremlegg."),
    "{B} vedtok forslaget til {N} med en ramme på inntil {M}.",
    "Kommunene vurderer saken hver for seg.",
    "Utfordringene har vært ulike for kommunene. Det er et ønske om å forsterke arbeidet med {S}.",
]
FOLLOWUP_CONCLUSIONS = [
    "{STAFF} følger opp saken.", "{STAFF} følger opp og kommer tilbake til saken i neste møte.",
    "Sekretariatet fremmer sak til neste møte.", "Saken tas opp igjen i neste møte.",
    "{FIRST} kommer tilbake til saken.", "{B} kommer tilbake til saken når {N} foreligger.",
    "Arbeidsgruppen utarbeider et forslag til {Ni} som legges fram i et senere møte.",
    "{FIRST} utarbeider felles sak for kommunene. Saken skal først legges frem for {b}.",
    "{STAFF} tar kontakt med {X} og fremmer sak til neste møte.",
    "Sekretariatet utreder saken videre og kommer tilbake med et forslag.",
    "{B} ber {staff} følge opp saken og legge fram en ny vurdering.",
]
FINAL_CONCLUSIONS = [
    "Saken anses som ferdigbehandlet.", "{B} vedtok forslaget. Saken avsluttes.",
    "Forslaget ble godkjent, og saken er med dette avsluttet.",
    "{B} slutter seg til det fremlagte forslaget. Kommunene følger opp i egne organer.",
    "Saken tas til orientering. Videre oppfølging skjer i {F}.",
]
MINUTES_CONCLUSIONS = ["Referatet vedtatt", "Referatet ble godkjent uten merknader.",
                       "Referatet godkjent.", "Referatet ble godkjent med en mindre rettelse.",
                       "Godkjent uten merknader."]
EVENTUELT_NOTES = [
    ("Foreløpig evaluering av {N}", "Erfaringsdeling mellom kommunene.",
     "Ulike kostnader for kommunene grunnet ulik satsing på {S}."),
    ("Krav fra {X} om {S}", "Saken er tatt opp nasjonalt.", "Avventer behandling i KS og departementet"),
    ("{Cap}", "{A} orienterte kort.", "Saken tas til orientering."),
    ("Sammensetning av kriseledelsen", ("Kommunedirektørene orienterte om hverandres "
     "sammensetning av kriseledelsen."), None),
    ("Ulike økonomisystemer", "{B} diskuterte kort løsningene i kommunene.", None),
    ("Overtid og arbeidsmengde", "{A} orienterte. Forslag sendes ut i HR-nettverket.", None),
    ("{Cap}", "{A} orienterte om situasjonen. Arbeidsgruppen ønsker å avlyse konkurransen.",
     "{B} støtter arbeidsgruppen."),
    ("Henvendelse fra {X}", "{X} ønsker et møte med {b} om {S}.",
     "{STAFF} avtaler møte."),
    ("Finansiering av {Ni}", "{A} orienterte. Stillingen kjøpes fri {P} % fram til utgangen av {Y}.",
     None),
]


def _norm_key(number: str) -> str:
    """Normalised case key as the model wants it: 001/10 -> 1/10, 14-22 -> 14/22, 3 -> 3."""
    match = re.fullmatch(r"0*(\d+)[/-](\d{2})", number)
    if match:
        return f"{int(match.group(1))}/{match.group(2)}"
    return str(int(number)) if number.isdigit() else number


def slugify(text: str) -> str:
    text = text.lower()
    for a, b in (("æ", "ae"), ("ø", "o"), ("å", "a"), ("é", "e"), ("ü", "u")):
        text = text.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60]


def cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def in_year(entries: list, year: int) -> list:
    return [e[0] for e in entries if e[1] <= year <= e[2]]


# --------------------------------------------------------------------------------------------
# People and timelines
# --------------------------------------------------------------------------------------------

@dataclass
class Person:
    name: str  # canonical name, as the truth file gives it
    first: str
    shown: str  # as the minutes print it (may carry conversion debris such as "Rose- Marie")
    female: bool = False

    @property
    def short_first(self) -> str:
        return self.first.split()[0].split("-")[0]


class NameMaker:
    """Unique names within an organisation."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def person(self) -> Person:
        rng = self.rng
        for _ in range(200):
            female = rng.random() < 0.45
            if rng.random() < 0.12:
                first = rng.choice(DOUBLE_FIRST)
            else:
                first = rng.choice(FIRST_FEMALE if female else FIRST_MALE)
            parts = [first]
            if rng.random() < 0.12:
                parts.append(rng.choice(INITIALS))
            parts.append(rng.choice(DOUBLE_SURNAMES) if rng.random() < 0.05 else rng.choice(SURNAMES))
            name = " ".join(parts)
            if name in self.used:
                continue
            self.used.add(name)
            shown = name
            if "-" in name and rng.random() < 0.35:
                # Word's line-break hyphen survives conversion as "- " (seed 000, 001).
                shown = name.replace("-", "- ", 1)
            return Person(name=name, first=first, shown=shown, female=female)
        raise RuntimeError("name space exhausted")


@dataclass
class Tenure:
    start: dt.date
    end: dt.date
    person: Person


class Timeline:
    """Who holds a position when: people serve some years, then are replaced."""

    def __init__(self, rng: random.Random, names: NameMaker, first: dt.date, last: dt.date,
                 min_years: float, max_years: float):
        self.tenures: list[Tenure] = []
        start = first - dt.timedelta(days=rng.randint(0, 1500))
        while start <= last:
            days = int(rng.uniform(min_years, max_years) * 365)
            end = start + dt.timedelta(days=days)
            self.tenures.append(Tenure(start, end, names.person()))
            start = end + dt.timedelta(days=1)

    def at(self, day: dt.date) -> Person:
        for tenure in self.tenures:
            if tenure.start <= day <= tenure.end:
                return tenure.person
        return self.tenures[-1].person


class MayorTimeline(Timeline):
    """Mayors change only after elections (autumn of 2003, 2007, ...)."""

    def __init__(self, rng, names, first, last):
        self.tenures = []
        term = 1995
        start = dt.date(term, 10, 15)
        while start <= last:
            terms = rng.choice([1, 1, 2, 2, 3])
            end = dt.date(term + 4 * terms, 10, 14)
            self.tenures.append(Tenure(start, end, names.person()))
            term += 4 * terms
            start = dt.date(term, 10, 15)


# --------------------------------------------------------------------------------------------
# Archive plan: organisations, bodies, meeting dates
# --------------------------------------------------------------------------------------------

BODY_KINDS = {
    # kind: (name, short name, aliases, genitive, definite lower case, pronoun, formats, description)
    "kdk": ("Kommunedirektørkollegiet", "KDK", ["KDK", "kollegiet"], "Kommunedirektørkollegiets",
            "kommunedirektørkollegiet", "kollegiet", ["000", "001", "003", "002"],
            "Kommunedirektørene i medlemskommunene; forbereder saker til regionrådet."),
    "rus": ("Rådmannsutvalget", "RU", ["rådmannsutvalget", "utvalget", "RU"], "Rådmannsutvalgets",
            "rådmannsutvalget", "utvalget", ["002", "000", "001"],
            "Rådmennene i medlemskommunene; administrativt samarbeidsorgan."),
    "au": ("Arbeidsutvalget", "AU", ["AU", "arbeidsutvalget"], "Arbeidsutvalgets",
           "arbeidsutvalget", "utvalget", ["003", "001", "000"],
           "Ordførerne som leder regionrådet, med daglig leder som sekretær."),
    "regionradet": ("Regionrådet", "Regionrådet", ["regionrådet", "rådet"], "Regionrådets",
                    "regionrådet", "rådet", ["002", "001", "000", "003"],
                    "Ordførerne i medlemskommunene; regionens politiske samarbeidsorgan."),
    "helse": ("Helseledernettverket", "Helseledernettverket", ["helseledernettverket", "nettverket"],
              "Helseledernettverkets", "helseledernettverket", "nettverket", ["003", "004", "000"],
              "Kommunalsjefer for helse og omsorg i medlemskommunene."),
    "pg": ("Prosjektgruppe {P}", "PG {P}", ["PG", "prosjektgruppen", "PG-møte"],
           "Prosjektgruppens", "prosjektgruppen", "prosjektgruppen", ["004", "003"],
           "Prosjektgruppen for {P}, med representanter for kommunene og tillitsvalgte."),
}
# project name -> the topics its project group talks about
PROJECTS = {"Kompetanseregionen": ["kompetanse", "skole"], "Digitale {R}": ["digitalisering"],
            "Helsefellesskap {R}": ["helse", "omsorg", "psykisk"], "Klimaløftet": ["klima", "energi"],
            "Næringsløftet": ["naering", "samferdsel"],
            "Velferdsteknologi {R}": ["omsorg", "digitalisering"],
            "Oppvekst {R}": ["skole", "barnevern", "folkehelse"],
            "Heltidskultur": ["kompetanse", "omsorg"], "Smart region": ["digitalisering", "bredband"],
            "Plansamarbeidet": ["plan", "klima"]}
KIND_TOPICS = {"helse": ["helse", "omsorg", "psykisk", "korona", "folkehelse", "barnevern"],
               "au": ["samferdsel", "naering", "regionreform", "kommunereform", "okonomi", "hoering",
                      "regional", "eierskap"],
               "regionradet": ["samferdsel", "naering", "regionreform", "kommunereform", "regional",
                               "hoering", "energi", "bredband"]}


@dataclass
class BodyPlan:
    slug: str
    kind: str
    name: str
    short_name: str
    aliases: list
    gen: str  # genitive, capitalised: Rådmannsutvalgets
    lower: str  # definite, lower case: rådmannsutvalget
    pronoun: str  # "kollegiet", "utvalget"
    fmt: str
    records_decisions: bool
    description: str
    project: str | None = None
    dates: list = field(default_factory=list)
    topics: list = field(default_factory=list)  # preferred topic keys
    weekday: int = 4
    times: tuple = ("08:30", "12:00")


@dataclass
class OrgPlan:
    slug: str
    name: str
    short_name: str
    aliases: list
    municipalities: list
    website: str | None
    region: str
    bodies: list
    domain: str


def _municipality_names(rng: random.Random, count: int, used: set) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        roll = rng.random()
        base = rng.choice(MUNI_HEADS) + rng.choice(MUNI_TAILS)
        if roll < 0.1:
            name = rng.choice(MUNI_PREFIXES) + base
        elif roll < 0.15:
            name = base + " og " + rng.choice(MUNI_HEADS) + rng.choice(MUNI_TAILS)
        else:
            name = base
        if base.lower().count(base[-2:].lower()) > 1 or name in used or any(name.startswith(other) or other.startswith(name) for other in used):
            continue
        used.add(name)
        names.append(name)
    return names


def _org_name(region: str, municipalities: list[str], pattern: int) -> tuple[str, str, list]:
    """(name, short name, aliases) after the naming habits of real regional councils."""
    if pattern == 0:
        return f"{region} interkommunale politiske råd", f"{region} IPR", [f"{region} IPR", "IPR"]
    if pattern == 1:  # named after the central town, like Kongsbergregionen
        central = next((m for m in municipalities if m.isalpha()), None)
        if central is not None:
            return f"{central}regionen", f"{central}regionen", []
        pattern = 2
    if pattern == 2:
        return f"Regionrådet for {region}", region, [f"{region} regionråd"]
    if pattern == 3:
        return f"Samarbeidsrådet for {region}", region, [f"{region} IPR"]
    return f"{region} regionråd", region, [f"Regionrådet i {region}"]


def _distribute(total: int, weights: list[float]) -> list[int]:
    """Largest-remainder split of ``total`` by ``weights`` (deterministic)."""
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    counts = [int(r) for r in raw]
    rest = total - sum(counts)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - counts[i]), i))
    for i in order[:rest]:
        counts[i] += 1
    return counts


def _plan_dates(rng: random.Random, years: list[int], per_year: list[int], weekday: int) -> list[dt.date]:
    dates = []
    for year, count in zip(years, per_year, strict=True):
        days = []
        day = dt.date(year, 1, 6)
        end = dt.date(year, 12, 20)
        while day <= end:
            summer = (day.month == 7) or (day.month == 8 and day.day < 8) or (day.month == 6 and day.day > 25)
            if day.weekday() < 5 and not summer:
                days.append(day)
            day += dt.timedelta(days=1)
        count = min(count, len(days))
        chunk = len(days) / count
        for i in range(count):
            segment = days[int(i * chunk): max(int((i + 1) * chunk), int(i * chunk) + 1)]
            preferred = [d for d in segment if d.weekday() == weekday]
            if preferred and rng.random() < 0.8:
                dates.append(rng.choice(preferred))
            else:
                dates.append(rng.choice(segment))
    return dates


def plan_archive(meetings: int, seed: int) -> list[OrgPlan]:
    rng = random.Random(f"synthetic-plan:{seed}:{meetings}")
    n_orgs = max(1, meetings // 10) if meetings < 60 else min(12, max(6, 6 + (meetings - 1500) // 1400))
    regions = rng.sample(REGION_NAMES, n_orgs)
    patterns = list(range(5))
    rng.shuffle(patterns)
    used_munis: set = set()
    orgs: list[OrgPlan] = []
    used_slugs: set = set()
    formats_used: list[str] = []
    for index, region in enumerate(regions):
        munis = _municipality_names(rng, rng.randint(4, 9), used_munis)
        name, short, aliases = _org_name(region, munis, patterns[index % 5])
        slug = slugify(short)
        while slug in used_slugs:
            slug += "-2"
        used_slugs.add(slug)
        kinds = ["kdk" if rng.random() < 0.55 else "rus"]
        extra = ["au", "regionradet", "helse", "pg"]
        rng.shuffle(extra)
        count = rng.choice([1, 1, 2, 2, 3])
        chosen = extra[:count]
        if index == 0 and "pg" not in chosen:
            chosen[-1] = "pg"
        kinds += sorted(chosen, key=["au", "regionradet", "helse", "pg"].index)
        bodies = []
        for kind in kinds:
            bname, bshort, baliases, gen, lower, pronoun, fmts, desc = BODY_KINDS[kind]
            project = None
            if kind == "pg":
                template = rng.choice(sorted(PROJECTS))
                project = template.replace("{R}", region.split()[-1])
                bname, bshort, desc = (s.replace("{P}", project) for s in (bname, bshort, desc))
            # Spread formats over the archive: prefer one not used yet among those that fit.
            fresh = [f for f in fmts if f not in formats_used]
            fmt = fresh[0] if fresh and rng.random() < 0.7 else rng.choice(fmts)
            formats_used.append(fmt)
            bslug = {"kdk": "kdk", "rus": "rus", "au": "au", "regionradet": "regionradet",
                     "helse": "helseledernettverket"}.get(kind)
            if bslug is None:
                assert project is not None, "every kind but a project group (pg) has its own slug"
                bslug = "pg-" + slugify(project)
            body = BodyPlan(
                slug=bslug, kind=kind, name=bname, short_name=bshort, aliases=list(baliases),
                gen=gen, lower=lower, pronoun=pronoun, fmt=fmt,
                records_decisions=(fmt != "004"), description=desc, project=project,
                topics=PROJECTS[template] if kind == "pg" else KIND_TOPICS.get(kind, []),
                weekday=rng.choice([0, 1, 2, 3, 4, 4, 4, 3]),
                times=rng.choice([("08:30", "11:30"), ("08:30", "12:00"), ("09:00", "13:50"),
                                  ("09:00", "14:40"), ("13:00", "16:00"), ("09:00", "12:00"),
                                  ("10:00", "14:00"), ("12:00", "15:30")]))
            bodies.append(body)
        orgs.append(OrgPlan(slug=slug, name=name, short_name=short, aliases=aliases,
                            municipalities=munis,
                            website=f"https://www.{slugify(short).replace('-', '')}.no"
                            if rng.random() < 0.7 else None,
                            region=region, bodies=bodies,
                            domain=f"{slugify(short).replace('-', '')}.no"))
    # Make sure every format is used when there are enough bodies.
    all_bodies = [b for o in orgs for b in o.bodies]
    for fmt in FORMATS:
        if len(all_bodies) >= len(FORMATS) and all(b.fmt != fmt for b in all_bodies):
            for body in all_bodies:
                allowed = BODY_KINDS[body.kind][6]
                if fmt in allowed and sum(1 for b in all_bodies if b.fmt == body.fmt) > 1:
                    body.fmt = fmt
                    body.records_decisions = fmt != "004"
                    break
    # Give every body a life span (15-25 years at 10-20 meetings a year at full size) and share
    # the requested number of meetings out by capacity.
    all_bodies = [b for o in orgs for b in o.bodies]
    spans, rates, ends = [], [], []
    for body in all_bodies:
        spans.append(rng.randint(15, 25))
        rates.append(rng.randint(10, 20) if body.fmt != "002" else rng.randint(8, 12))
        if body.kind == "rus":  # "rådmann" became "kommunedirektør" around 2020
            ends.append(rng.randint(2014, 2019))
        else:
            ends.append(rng.choice([2024, 2024, 2025, 2023, 2022, 2019]))
    shares = _distribute(meetings, [s * r for s, r in zip(spans, rates, strict=True)])
    for i, share in enumerate(shares):  # every body meets at least once when possible
        if share == 0:
            donor = max(range(len(shares)), key=lambda j: (shares[j], -j))
            if shares[donor] > 1:
                shares[donor] -= 1
                shares[i] = 1
    for body, span, rate, end, share in zip(all_bodies, spans, rates, ends, shares, strict=True):
        if share == 0:
            continue
        years_needed = max(1, -(-share // rate))
        n_years = min(span, years_needed) if share <= span * rate else span
        n_years = min(n_years, end - 1995)  # digital minutes start in the late 1990s
        years = list(range(end - n_years + 1, end + 1))
        per_year = _distribute(share, [rng.uniform(0.7, 1.3) for _ in years])
        body.dates = _plan_dates(random.Random(f"dates:{seed}:{body.slug}:{share}"), years, per_year,
                                 body.weekday)
    for org in orgs:
        org.bodies = [b for b in org.bodies if b.dates]
    return [o for o in orgs if o.bodies]


# --------------------------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------------------------

SLOT = re.compile(r"\{(\w+)\}")


def fmt_long(day: dt.date) -> str:
    return f"{day.day}. {MONTHS[day.month - 1]}"


def fmt_num(day: dt.date, year_digits: int = 4) -> str:
    year = day.year if year_digits == 4 else day.year % 100
    return f"{day.day:02d}.{day.month:02d}.{year:0{year_digits}d}"


def fmt_money(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.4:
        return f"kr {rng.randint(1, 95) * 10} 000"
    if roll < 0.6:
        return f"kr. {rng.randint(100, 999)}.{rng.randint(0, 99) * 10:03d}"
    if roll < 0.8:
        return f"{rng.randint(1, 9)},{rng.randint(1, 9)} mill. kroner"
    return f"{rng.randint(50, 900) * 1000:,} kroner".replace(",", " ")


class Prose:
    """Builds Norwegian sentences for one organisation from the vocabulary."""

    def __init__(self, rng: random.Random, org: OrgPlan):
        self.rng = rng
        self.org = org
        self.year = 2020
        self.day = dt.date(2020, 1, 1)
        self._body: BodyPlan | None = None  # set_meeting sets it before any sentence is built
        self.first_names: list[str] = ["Kari"]
        self.full_names: list[str] = ["Kari Nordmann"]
        self.staff_title = "daglig leder"
        self.topic = TOPICS[0]
        self._topic_cache: dict = {}
        self.recent: list[str] = []  # sentences used in the current item, not to be repeated
        self._handlers = {
            "A": lambda: cap(self.actor()), "a": self.actor, "N": lambda: self.np("d"),
            "Ni": lambda: self.np("i"), "Np": lambda: self.np("pd"), "Nq": lambda: self.np("p"),
            "S": self.phrase, "K": self.muni, "K2": self.muni, "K3": self.muni,
            "Y": lambda: str(self.year), "Y0": lambda: str(self.year - 1),
            "Y1": lambda: str(self.year + 1), "Y3": lambda: str(self.year + 3),
            "Y4": lambda: str(self.year + 4), "Y11": lambda: str(self.year + 11),
            "D": self.future_date, "M": lambda: fmt_money(self.rng),
            "P": lambda: str(self.rng.choice([10, 15, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90])),
            "NUM": lambda: str(self.rng.randint(3, 240)), "X": lambda: self.rng.choice(EXTERNAL_ACTORS),
            "F": lambda: self.rng.choice(FORA), "O": lambda: self.org.short_name,
            "B": lambda: self.body.name if self.rng.random() < 0.6 else cap(self.body.pronoun),
            "b": lambda: self.body.lower, "MONTH": lambda: self.rng.choice(MONTHS),
            "Cap": lambda: cap(self.bare()), "STAFF": lambda: cap(self.staff_title),
            "staff": lambda: self.staff_title, "FIRST": lambda: self.rng.choice(self.first_names),
        }

    # --- context
    @property
    def body(self) -> BodyPlan:
        assert self._body is not None, "Prose.set_meeting() comes before the first sentence"
        return self._body

    def set_meeting(self, body: BodyPlan, day: dt.date, people: list[Person], staff_title: str):
        self._body = body
        self.day = day
        self.year = day.year
        self.first_names = [p.short_first for p in people] or ["Kari"]
        self.full_names = [p.name for p in people] or ["Kari Nordmann"]
        self.staff_title = staff_title

    def topics_for_year(self) -> list[Topic]:
        cached = self._topic_cache.get(self.year)
        if cached is None:
            cached = [t for t in TOPICS if in_year(t.titles, self.year)]
            self._topic_cache[self.year] = cached
        return cached

    def pick_topic(self) -> Topic:
        topics = self.topics_for_year()
        if self.body.topics and self.rng.random() < 0.6:
            preferred = [t for t in topics if t.key in self.body.topics]
            if preferred:
                topics = preferred
        self.topic = self.rng.choice(topics)
        self.recent.clear()
        return self.topic

    # --- slots
    def muni(self) -> str:
        return self.rng.choice(self.org.municipalities)

    def actor(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.3:
            return rng.choice(self.first_names)
        if roll < 0.45:
            return rng.choice(self.full_names)
        if roll < 0.6:
            return self.staff_title
        if roll < 0.75:
            title = "kommunedirektøren" if self.year >= 2020 else "rådmannen"
            return f"{title} i {self.muni()}"
        return rng.choice(["sekretariatet", "prosjektleder", "arbeidsgruppen", "styringsgruppen",
                           "leder av " + rng.choice(FORA), "KS", "Statsforvalteren",
                           "fylkeskommunen", "helsesjefen i " + self.muni()])

    def compound(self) -> tuple[str, tuple]:
        rng = self.rng
        stems = self.topic.stems if rng.random() < 0.75 else GENERIC_STEMS
        stem = rng.choice(stems)
        suffix = rng.choice(SUFFIXES)
        while suffix[0] in stem:
            suffix = rng.choice(SUFFIXES)
        return stem, suffix

    def bare(self) -> str:
        word, suffix = self.compound()
        return word + suffix[0]

    def np(self, form: str) -> str:
        rng = self.rng
        word, suffix = self.compound()
        indef, definite, plural, plural_def, gender = suffix
        adjective = rng.choice(ADJECTIVES) if rng.random() < 0.3 else None
        if form == "i":
            article = "et" if gender == "n" else "en"
            if adjective:
                return f"{article} {adjective[1 if gender == 'n' else 0]} {word}{indef}"
            return f"{article} {word}{indef}"
        if form == "d":
            if adjective:
                return f"{'det' if gender == 'n' else 'den'} {adjective[2]} {word}{definite}"
            return word + definite
        if form == "p":
            return f"{adjective[2]} {word}{plural}" if adjective else word + plural
        return f"de {adjective[2]} {word}{plural_def}" if adjective else word + plural_def

    def phrase(self) -> str:
        phrases = in_year(self.topic.phrases, self.year)
        return self.fill(self.rng.choice(phrases)) if phrases else self.np("d")

    def future_date(self) -> str:
        day = self.day + dt.timedelta(days=self.rng.randint(7, 100))
        return fmt_long(day) if self.rng.random() < 0.8 else fmt_num(day)

    def fill(self, template: str) -> str:
        handlers = self._handlers
        used: list[str] = []

        def one(match) -> str:
            handler = handlers[match.group(1)]
            value = handler()
            for _ in range(3):
                if value not in used:
                    break
                value = handler()
            used.append(value)
            return value

        return SLOT.sub(one, template)

    # --- building blocks
    def sentence(self) -> str:
        rng = self.rng
        for _ in range(4):
            roll = rng.random()
            if roll < 0.5:
                text = rng.choice(FRAMES)
            elif roll < 0.8:
                facts = in_year(self.topic.facts, self.year)
                text = rng.choice(facts) if facts else rng.choice(FRAMES)
            else:
                text = rng.choice(S_FRAMES)
            if text not in self.recent:
                break
        self.recent.append(text)
        return cap(self.fill(text))

    def paragraph(self, low: int = 1, high: int = 4) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def bullet(self, long: bool = False) -> str:
        text = cap(self.fill(self.rng.choice(BULLET_FRAMES)))
        if self.rng.random() < (0.7 if long else 0.35):
            text += ". " + self.paragraph(1, 3 if long else 1)
        if self.body.fmt in ("003", "004") and self.rng.random() < 0.03:
            # A pasted link, on its own line (seed 004) or in angle brackets (seed 003).
            page = slugify(self.bare())
            site = self.rng.choice(["www.ks.no/fagomrader", "www.regjeringen.no/no/aktuelt",
                                    "www." + self.org.domain, "www.helsedirektoratet.no/tema"])
            text += ("\n" if long else " ") + f"<https://{site}/{page}/>"
        return text

    def title(self) -> str:
        rng = self.rng
        titles = in_year(self.topic.titles, self.year)
        if rng.random() < 0.55 and titles:
            return self.fill(rng.choice(titles))
        word, suffix = self.compound()
        c = word + suffix[0]
        cd = word + suffix[1]
        pattern = rng.choice(["{C}", "{C} – status", "{C} – orientering", "Status {c}",
                              "Felles {c} for {O}", "Orientering om {cd}", "Forslag til {c}",
                              "{C} {Y}–{Y3}", "Revidert {c}", "{C} i {O}", "Evaluering av {cd}",
                              "Videre arbeid med {cd}", "Høring – forslag til {c}", "{C} {Y}"])
        return self.fill(pattern.replace("{C}", cap(c)).replace("{c}", c).replace("{cd}", cd))

    def conclusion(self, kind: str) -> str:
        table = {"plain": PLAIN_CONCLUSIONS, "followup": FOLLOWUP_CONCLUSIONS,
                 "final": FINAL_CONCLUSIONS}[kind]
        return cap(self.fill(self.rng.choice(table)))


# --------------------------------------------------------------------------------------------
# Abstract meetings (format independent), with planted references
# --------------------------------------------------------------------------------------------

@dataclass
class Ref:
    kind: str  # case | meeting
    text: str
    target: str  # case key or ISO date
    exists: bool | None
    external: bool = False
    in_archive: bool = True
    body: str | None = None  # org/body of the target when not this body, or the outside body's name
    target_path: str | None = None
    meeting_date: str | None = None  # for ordinal cases ("sak 4 fra møtet 6.5")
    forward: bool = False
    chain: int | None = None


@dataclass
class PItem:
    number: str | None
    title: str
    kind: str = "case"  # minutes, info, case, followup, eventuelt, calendar
    paras: list = field(default_factory=list)
    bullets: list = field(default_factory=list)
    conclusion: list = field(default_factory=list)
    subpoints: list = field(default_factory=list)  # (title, text, conclusion or None)
    refs: list = field(default_factory=list)
    table: list | None = None  # rows of cells (format 001 nested table)
    docs: list = field(default_factory=list)  # (text, attachment number or None) for format 002
    lead: str | None = None  # a line right under the heading (format 002 "- Møtereferat ...")
    topic: Topic | None = None

    @property
    def key(self) -> str | None:
        return _norm_key(self.number) if self.number else None


@dataclass
class PMeeting:
    org: OrgPlan
    body: BodyPlan
    day: dt.date
    path: str
    index: int
    items: list
    present: list  # (role, Person)
    absent: list
    deputies: list
    guests: list  # (role, Person, note)
    staff: list  # (title, Person)
    chair: Person
    secretary: Person | None  # None in format 004, which prints no secretary
    location: str
    start: str
    end: str
    meeting_number: str | None = None
    attachments: list = field(default_factory=list)  # (label, text, item number, late)
    debris: list = field(default_factory=list)
    repeated_once: list = field(default_factory=list)
    union_people: list = field(default_factory=list)  # format 004: (union, Person)
    absent_unnamed: bool = False  # format 004: "Forfall: X samt Y er uten representanter"

    def named_secretary(self) -> Person:
        """The secretary of a format that prints one (every format but 004)."""
        assert self.secretary is not None, "format 004 has no secretary"
        return self.secretary


def case_label(fmt: str, n: int, year: int) -> str:
    yy = year % 100
    if fmt == "002":
        return f"{n:03d}/{yy:02d}"
    if fmt == "003":
        return f"{n}-{yy:02d}"
    return f"{n}/{yy:02d}"


@dataclass
class Chain:
    ident: int
    title: str
    topic: Topic
    last_label: str
    last_path: str
    last_meeting_date: dt.date
    origin_label: str
    steps_left: int
    due: int  # meeting index


class BodyState:
    def __init__(self, org: OrgPlan, body: BodyPlan):
        self.org = org
        self.body = body
        self.date_set = {d.isoformat() for d in body.dates}
        self.counter: dict[int, int] = {}
        self.cases: dict[int, list] = {}  # year -> [(label, path, title, date)]
        self.ordinals: list = []  # format 004: (date, path, [titles])
        self.chains: list[Chain] = []
        self.chair_by_year: dict[int, Person] = {}

    def path_for(self, day: dt.date) -> str:
        return f"{self.org.slug}/{self.body.slug}/{day.isoformat()}.txt"


class ArchiveWriter:
    def __init__(self, out: Path, seed: int):
        self.out = out
        self.seed = seed
        self.chain_ids = 0
        self.stats = {"items": 0, "references": 0, "case_references": 0, "meeting_references": 0,
                      "missing_targets": 0, "external_references": 0, "cross_body_references": 0,
                      "outside_archive_references": 0, "forward_references": 0,
                      "follow_up_chains": 0, "follow_up_items": 0, "bytes": 0}

    # ---------------------------------------------------------------- organisation set-up
    def run_org(self, org: OrgPlan, truth) -> dict:
        rng = random.Random(f"synthetic-org:{self.seed}:{org.slug}:{len(org.bodies)}")
        first = min(b.dates[0] for b in org.bodies)
        last = max(b.dates[-1] for b in org.bodies)
        names = NameMaker(rng)
        self.rng = rng
        self.org = org
        self.prose = Prose(rng, org)
        self.chiefs = {m: Timeline(rng, names, first, last, 2.5, 10) for m in org.municipalities}
        self.title_switch = {m: rng.choice([2019, 2020, 2020, 2020, 2021, 2022, 2099])
                             for m in org.municipalities}
        self.deputies = {m: Timeline(rng, names, first, last, 2, 8) for m in org.municipalities}
        self.deputy_title = {m: rng.choice(DEPUTY_TITLES) for m in org.municipalities}
        self.mayors = {m: MayorTimeline(rng, names, first, last) for m in org.municipalities}
        self.health = {m: Timeline(rng, names, first, last, 2, 9) for m in org.municipalities}
        self.reps = {m: Timeline(rng, names, first, last, 1.5, 6) for m in org.municipalities}
        self.unions = [(u, Timeline(rng, names, first, last, 2, 6)) for u in rng.sample(UNIONS, 3)]
        self.staff_title = rng.choice(STAFF_TITLES)
        self.staff = Timeline(rng, names, first, last, 4, 12)
        self.staff2_title = rng.choice(STAFF2_TITLES)
        self.staff2 = Timeline(rng, names, first, last, 2, 6)
        self.project_leader = Timeline(rng, names, first, last, 2, 5)
        self.guests = []
        for _ in range(24):
            role = rng.choice(GUEST_ROLES).replace("{K}", rng.choice(org.municipalities))
            role = role.replace("{F}", rng.choice(FORA))
            self.guests.append((role, names.person()))
        self.phones: dict[str, str] = {}
        states = {b.slug: BodyState(org, b) for b in org.bodies}
        self.states = states
        events = sorted((d, i, b.slug) for i, b in enumerate(org.bodies) for d in b.dates)
        index_of = {b.slug: 0 for b in org.bodies}
        counts: dict[str, int] = {}
        for day, _, slug in events:
            state = states[slug]
            meeting = self.build_meeting(state, day, index_of[slug])
            index_of[slug] += 1
            text = RENDERERS[state.body.fmt](self, meeting)
            data = text.encode("utf-8")
            target = self.out / meeting.path
            target.write_bytes(data)
            self.stats["bytes"] += len(data)
            record = truth_record(meeting)
            self.count(record)
            truth.write(json.dumps(record, ensure_ascii=False) + "\n")
            counts[slug] = counts.get(slug, 0) + 1
        return counts

    # ---------------------------------------------------------------- people
    def chief_title(self, muni: str, day: dt.date) -> str:
        return "Kommunedirektør" if day.year >= self.title_switch[muni] else "Rådmann"

    def members(self, body: BodyPlan, day: dt.date) -> list:
        """(role, person, municipality) of the body's members on ``day``."""
        org = self.org
        if body.kind in ("kdk", "rus"):
            return [(f"{self.chief_title(m, day)} i {m}", self.chiefs[m].at(day), m)
                    for m in org.municipalities]
        if body.kind == "regionradet":
            return [(f"Ordfører i {m}", self.mayors[m].at(day), m) for m in org.municipalities]
        if body.kind == "au":
            seats = org.municipalities[:3] if len(org.municipalities) > 4 else org.municipalities[:2]
            rows = [(f"Ordfører i {m}", self.mayors[m].at(day), m) for m in seats]
            m = org.municipalities[-1]
            rows.append((f"{self.chief_title(m, day)} i {m}", self.chiefs[m].at(day), m))
            return rows
        if body.kind == "helse":
            return [(f"Kommunalsjef helse og omsorg i {m}", self.health[m].at(day), m)
                    for m in org.municipalities]
        return [(m, self.reps[m].at(day), m) for m in org.municipalities]

    def chair_for(self, state: BodyState, day: dt.date, members: list) -> Person:
        person = state.chair_by_year.get(day.year)
        if person is None or person not in [p for _, p, _ in members]:
            person = members[(day.year * 7 + len(state.body.slug)) % len(members)][1]
            state.chair_by_year[day.year] = person
        return person

    # ---------------------------------------------------------------- meetings
    def build_meeting(self, state: BodyState, day: dt.date, index: int) -> PMeeting:
        rng = self.rng
        body = state.body
        fmt = body.fmt
        members = self.members(body, day)
        absent_rows: list[tuple] = []  # (role, Person, municipality): rows of members()
        present_rows: list[tuple] = []
        for row in members:
            (absent_rows if rng.random() < 0.1 else present_rows).append(row)
        if not present_rows:
            present_rows, absent_rows = absent_rows[:1], absent_rows[1:]
        deputies = []
        for _, _, muni in absent_rows:
            if body.kind in ("kdk", "rus") and rng.random() < 0.4:
                title = self.deputy_title[muni]
                if title == "Assisterende rådmann" and self.chief_title(muni, day) != "Rådmann":
                    title = "Assisterende kommunedirektør"
                deputies.append((f"{title} i {muni}", self.deputies[muni].at(day)))
        staff = [(self.staff_title, self.staff.at(day))]
        if rng.random() < 0.5 or fmt == "003":
            staff.append((self.staff2_title, self.staff2.at(day)))
        guests: list[tuple[str, Person, None]] = []
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
            role, person = rng.choice(self.guests)
            if all(person is not g[1] for g in guests):
                guests.append((role, person, None))
        chair = self.chair_for(state, day, present_rows or members)
        secretary = staff[-1][1] if fmt != "004" else None
        people = [p for _, p, _ in present_rows] + [p for _, p in staff] + [g[1] for g in guests]
        self.prose.set_meeting(body, day, people, self.staff_title)
        loc = rng.choice(LOCATION_PATTERNS)
        location = loc.format(K=rng.choice(self.org.municipalities), O=self.org.short_name,
                              ST=rng.choice(STREETS), N=rng.randint(1, 60), R=rng.choice(ROOM_NAMES))
        start, end = body.times
        if rng.random() < 0.3:
            end = f"{int(end[:2]) + rng.choice([-1, 0, 1]):02d}:{rng.choice(['00', '15', '30', '45', '50'])}"
        meeting = PMeeting(org=self.org, body=body, day=day, path=state.path_for(day), index=index,
                           items=[], present=present_rows, absent=absent_rows, deputies=deputies,
                           guests=guests, staff=staff, chair=chair, secretary=secretary,
                           location=location, start=start, end=end)
        if fmt == "003":
            ordinal = sum(1 for d in body.dates[:index] if d.year == day.year) + 1
            meeting.meeting_number = f"{day.year % 100:02d}-{ordinal:02d}"
        self.build_items(state, meeting)
        self.register(state, meeting)
        return meeting

    def next_number(self, state: BodyState, year: int) -> int:
        state.counter[year] = state.counter.get(year, 0) + 1
        return state.counter[year]

    def label(self, state: BodyState, year: int) -> str:
        return case_label(state.body.fmt, self.next_number(state, year), year)

    def build_items(self, state: BodyState, meeting: PMeeting):
        rng = self.rng
        body = state.body
        fmt = body.fmt
        day = meeting.day
        prose = self.prose
        ranges = {"000": (6, 12), "001": (6, 10), "002": (4, 10), "003": (3, 8), "004": (5, 9)}
        n_items = rng.randint(*ranges[fmt])
        items: list[PItem] = []
        ordinal = fmt == "004"

        def new_number() -> str:
            return str(len([i for i in items if i.number]) + 1) if ordinal else self.label(state, day.year)

        if fmt == "000" and rng.random() < 0.4:
            prose.pick_topic()
            items.append(PItem(None, "Orienteringer", kind="info", paras=[prose.paragraph(1, 2)]))
        # 1. Minutes of the previous meeting.
        items.append(self.minutes_item(state, meeting, new_number()))
        # 2. Follow-ups that are due.
        due = [c for c in state.chains if c.due <= meeting.index]
        due = due[: max(1, n_items // 3)]
        for chain in due:
            items.append(self.followup_item(state, meeting, chain, new_number()))
        # 3. Calendar / election / budget items.
        first_of_year = meeting.index == 0 or body.dates[meeting.index - 1].year != day.year
        last_of_year = (meeting.index + 1 >= len(body.dates)
                        or body.dates[meeting.index + 1].year != day.year)
        if first_of_year and fmt in ("002", "000") and body.kind in ("kdk", "rus") and rng.random() < 0.6:
            items.append(self.election_item(state, meeting, new_number()))
        if last_of_year and fmt != "004" and rng.random() < 0.7:
            items.append(self.calendar_item(state, meeting, new_number()))
        # 4. New cases.
        while len(items) < n_items - 1:
            items.append(self.case_item(state, meeting, new_number()))
        # 5. Eventuelt.
        items.append(self.eventuelt_item(state, meeting, new_number()))
        meeting.items = items
        if fmt == "004":
            self.ordinal_refs(state, meeting)

    # ---------------------------------------------------------------- item kinds
    def previous_meeting(self, state: BodyState, meeting: PMeeting) -> tuple[dt.date, bool]:
        """The meeting the minutes item approves: the previous one, or an invented earlier date
        (the archive starts in the middle of a series) that is not in the archive."""
        if meeting.index > 0 and self.rng.random() > 0.03:
            return state.body.dates[meeting.index - 1], True
        day = meeting.day - dt.timedelta(days=self.rng.randint(20, 40))
        while day.isoformat() in state.date_set or day.weekday() > 4:
            day -= dt.timedelta(days=1)
        return day, False

    def meeting_ref(self, state: BodyState, day: dt.date, exists: bool, text: str,
                    forward: bool = False) -> Ref:
        return Ref(kind="meeting", text=text, target=day.isoformat(), exists=exists,
                   target_path=state.path_for(day) if exists else None, forward=forward)

    def minutes_item(self, state: BodyState, meeting: PMeeting, number: str) -> PItem:
        rng = self.rng
        body = state.body
        prev, exists = self.previous_meeting(state, meeting)
        fmt = body.fmt
        item = PItem(number, "", kind="minutes")
        if fmt == "000":
            name = rng.choice([body.name, body.name, body.short_name])
            item.title = f"Referat fra {name} {fmt_long(prev)}"
            item.refs.append(self.meeting_ref(state, prev, exists, item.title))
            item.paras = [rng.choice(["Sak følger som vedlegg.", "Referatet følger som vedlegg.",
                                      "Referat følger sakspapirene."])]
            item.conclusion = [rng.choice(MINUTES_CONCLUSIONS)]
        elif fmt == "001":
            item.title = f"Referat fra {fmt_num(prev)}"
            sent = prev + dt.timedelta(days=rng.randint(2, 9))
            item.paras = [(f"Referat fra møtet den {fmt_num(prev)}. Dette ble ekspedert den "
                          f"{fmt_num(sent)}.")]
            item.refs.append(self.meeting_ref(state, prev, exists, item.title))
            item.conclusion = [rng.choice(MINUTES_CONCLUSIONS[1:])]
        elif fmt == "002":
            item.title = "Referatsaker"
            mention = f"Møtereferat {body.lower} {fmt_num(prev, 2)}"
            item.lead = mention
            item.docs = [(f"Møtereferat fra {body.name} {fmt_num(prev, 2)}", None)]
            item.paras = [(f"Referat fra {body.gen.lower()} møte den {fmt_num(prev, 2)} er sendt ut "
                          f"til {body.pronoun}s medlemmer tidligere.")]
            item.refs.append(self.meeting_ref(state, prev, exists, mention))
            item.conclusion = ["Referatsaken tas til orientering"]
        elif fmt == "003":
            item.title = rng.choice(["Informasjons- og oppfølgingsaker", ("Informasjons- og "
                                     "oppfølgingssaker"), "Orienteringssaker"])
            self.prose.pick_topic()
            item.bullets = [self.prose.bullet() for _ in range(rng.randint(2, 5))]
            if rng.random() < 0.6:
                mention = f"Referat fra møte {fmt_num(prev)}"
                item.bullets.insert(0, mention + " ble godkjent.")
                item.refs.append(self.meeting_ref(state, prev, exists, mention))
            item.conclusion = [rng.choice(["Tas til orientering.", "Saken tas til orientering.",
                                           "Orienteringene tas til orientering."])]
        else:  # 004
            item.title = "Referat"
            mention = f"referatet fra møtet {prev.day}.{prev.month}"
            if rng.random() < 0.5:
                mention = cap(mention)
                item.bullets = [mention + " ble godkjent."]
            else:
                item.bullets = [(f"PL meldte en mindre rettelse i referatet. For øvrig ble {mention} "
                                "godkjent.")]
            if rng.random() < 0.5:
                item.bullets.append(self.prose.bullet())
            item.refs.append(self.meeting_ref(state, prev, exists, mention))
        return item

    def case_item(self, state: BodyState, meeting: PMeeting, number: str) -> PItem:
        rng = self.rng
        prose = self.prose
        topic = prose.pick_topic()
        fmt = state.body.fmt
        title = prose.title()
        item = PItem(number, title, kind="case", topic=topic)
        n_paras = {"000": (1, 3), "001": (1, 4), "002": (2, 6), "003": (0, 1), "004": (0, 0)}[fmt]
        sentences = {"000": (1, 5), "001": (2, 5), "002": (2, 5), "003": (1, 3), "004": (1, 3)}[fmt]
        item.paras = [prose.paragraph(*sentences) for _ in range(rng.randint(*n_paras))]
        if fmt == "003":
            item.bullets = [prose.bullet() for _ in range(rng.randint(2, 7))]
        elif fmt == "004":
            item.bullets = [prose.bullet(long=True) for _ in range(rng.randint(2, 7))]
        elif rng.random() < 0.15:
            item.bullets = [prose.bullet() for _ in range(rng.randint(2, 5))]
        # Occasional references to earlier cases, other bodies, outside bodies.
        roll = rng.random()
        if roll < 0.12:
            self.plant_case_ref(state, meeting, item)
        elif roll < 0.16:
            self.plant_cross_body_ref(state, meeting, item)
        elif roll < 0.20 or (fmt == "002" and roll < 0.26):
            self.plant_outside_ref(state, meeting, item)
        if rng.random() < 0.08 and fmt != "004":
            self.plant_meeting_mention(state, meeting, item)
        # Conclusion; some assign follow-up work and start a chain.
        starts_chain = rng.random() < 0.09 and meeting.index + 1 < len(state.body.dates)
        if fmt == "004":
            if starts_chain:
                item.bullets.append(cap(self.prose.fill(rng.choice(FOLLOWUP_CONCLUSIONS))))
        elif starts_chain:
            conclusion = prose.conclusion("followup")
            if rng.random() < 0.25 and meeting.index + 1 < len(state.body.dates):
                nxt = state.body.dates[meeting.index + 1]
                short = state.body.short_name
                mention = f"neste {short if short.isupper() else 'møte'} {fmt_long(nxt)}"
                conclusion = (f"{cap(self.staff_title)} fremmer sak til {mention} med forslag til "
                              f"{prose.np('i')}.")
                item.refs.append(self.meeting_ref(state, nxt, True, mention, forward=True))
            item.conclusion = [conclusion]
        elif rng.random() < (0.9 if state.body.records_decisions else 0.5):
            item.conclusion = [prose.conclusion("plain")]
            if fmt in ("000", "002") and rng.random() < 0.25:
                item.conclusion.append(prose.sentence())
        if starts_chain:
            self.chain_ids += 1
            self.stats["follow_up_chains"] += 1
            state.chains.append(Chain(
                ident=self.chain_ids, title=title, topic=topic, last_label=number,
                last_path=meeting.path, last_meeting_date=meeting.day, origin_label=number,
                steps_left=rng.randint(2, 5), due=meeting.index + rng.randint(1, 3)))
        return item

    def followup_item(self, state: BodyState, meeting: PMeeting, chain: Chain, number: str) -> PItem:
        rng = self.rng
        prose = self.prose
        prose.topic = chain.topic
        fmt = state.body.fmt
        title = rng.choice([chain.title, chain.title, f"{chain.title} – oppfølging",
                            f"Oppfølging: {chain.title}", f"{chain.title} – status"])
        if fmt == "004":
            title = rng.choice([chain.title, (f"Videre arbeid med {chain.title[:1].lower()}"
                                f"{chain.title[1:]}")])
        item = PItem(number, title, kind="followup", topic=chain.topic)
        target = chain.last_label if rng.random() < 0.8 else chain.origin_label
        if fmt == "004":
            prev = chain.last_meeting_date
            if target != chain.last_label:
                target = chain.last_label
            mention = f"sak {target} fra møtet {prev.day}.{prev.month}"
            ref = Ref(kind="case", text=mention, target=_norm_key(target), exists=True,
                      target_path=chain.last_path, meeting_date=prev.isoformat(), chain=chain.ident)
            item.bullets = [f"Oppfølging av {mention}.", prose.bullet()]
            item.bullets += [prose.bullet() for _ in range(rng.randint(0, 3))]
        else:
            mention = rng.choice([f"Oppfølging av sak {target}", f"Oppfølging av sak {target}",
                                  f"Saken ble sist behandlet i sak {target}",
                                  f"Viser til sak {target}"])
            ref = Ref(kind="case", text=mention, target=_norm_key(target), exists=True,
                      target_path=self.path_of_label(state, target) or chain.last_path,
                      chain=chain.ident)
            if target != chain.last_label:
                ref.target_path = self.path_of_label(state, target)
            lead = f"{mention}."
            if fmt == "003":
                item.bullets = [lead] + [prose.bullet() for _ in range(rng.randint(1, 4))]
            else:
                item.paras = [lead + " " + prose.paragraph(1, 3)]
                item.paras += [prose.paragraph(1, 3) for _ in range(rng.randint(0, 2))]
        item.refs.append(ref)
        chain.steps_left -= 1
        last = chain.steps_left <= 0 or meeting.index + 1 >= len(state.body.dates)
        if fmt != "004":
            item.conclusion = [prose.conclusion("final" if last else "followup")]
        self.stats["follow_up_items"] += 1
        if last:
            state.chains.remove(chain)
        else:
            chain.last_label = number
            chain.last_path = meeting.path
            chain.last_meeting_date = meeting.day
            chain.due = meeting.index + rng.randint(1, 3)
        return item

    def path_of_label(self, state: BodyState, label: str) -> str | None:
        key = _norm_key(label)
        year = 2000 + int(key.split("/")[1]) if "/" in key else None
        if year is None:
            return None
        for other_label, path, _, _ in state.cases.get(year, ()):
            if other_label == label:
                return path
        return None

    def election_item(self, state: BodyState, meeting: PMeeting, number: str) -> PItem:
        rng = self.rng
        year = meeting.day.year
        item = PItem(number, rng.choice([f"Valg av leder {year}", (f"Valg av leder {year} - "
                                         f"{state.body.lower}"), f"Valg av leder og nestleder {year}"]),
                     kind="case")
        members = [p for _, p, _ in meeting.present]
        chosen = rng.choice(members)
        state.chair_by_year[year] = chosen
        previous = state.body.dates[meeting.index - 1] if meeting.index else None
        text = (f"{state.body.name} velger selv sin leder – med en virketid på 1 år. Utvalget har "
                f"tidligere lagt til grunn en praksis der leder velges i første møte i kalenderåret.")
        if previous is not None and previous.year == year - 1 and rng.random() < 0.5:
            older = [d for d in state.body.dates[: meeting.index] if d.year == year - 1]
            first_prev = older[0] if older else previous
            mention = f"møte den {fmt_num(first_prev, 2)}"
            text += f" Nåværende leder ble valgt i {mention}."
            item.refs.append(self.meeting_ref(state, first_prev, True, mention))
        item.paras = [text]
        proposer = rng.choice(members)
        item.paras.append(f"{proposer.name} fremmet forslag om at {chosen.name} velges til "
                          f"{state.body.gen.lower()} leder for en periode på 1 år.")
        item.conclusion = [(f"{chosen.name} velges til {state.body.gen.lower()} leder for en periode "
                           f"på 1 år.")]
        return item

    def calendar_item(self, state: BodyState, meeting: PMeeting, number: str) -> PItem:
        rng = self.rng
        year = meeting.day.year + 1
        dates = [d for d in state.body.dates if d.year == year]
        if not dates:  # the body does not meet next year in this archive: invent a calendar
            for month in (1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12)[: rng.randint(6, 11)]:
                day = dt.date(year, month, rng.randint(3, 24))
                while day.weekday() > 4:
                    day += dt.timedelta(days=1)
                dates.append(day)
        item = PItem(number, rng.choice([f"Forslag til møtekalender {year}", f"Møteplan {year}",
                                         f"Møtekalender {year}"]), kind="calendar")
        item.paras = ["Følgende møtedatoer ble foreslått:"]
        item.table = [[cap(WEEKDAYS[d.weekday()]), fmt_num(d)] for d in dates[:14]]
        staff_first = meeting.staff[-1][1].short_first
        item.conclusion = [rng.choice([f"{staff_first} sender ut møteinnkallinger til møtene.",
                                       "Møtekalenderen ble vedtatt.",
                                       "Forslaget til møteplan ble godkjent."])]
        return item

    def eventuelt_item(self, state: BodyState, meeting: PMeeting, number: str) -> PItem:
        rng = self.rng
        prose = self.prose
        fmt = state.body.fmt
        title = "Eventuelt/neste møte" if fmt == "004" else "Eventuelt"
        item = PItem(number, title, kind="eventuelt")
        if fmt == "004":
            nxt_index = meeting.index + 1
            item.bullets = [prose.bullet() for _ in range(rng.randint(0, 2))]
            if nxt_index < len(state.body.dates):
                nxt = state.body.dates[nxt_index]
                mention = f"Neste møte blir som avtalt {nxt.day}.{nxt.month}"
                item.bullets.append(f"{mention}.")
                item.refs.append(self.meeting_ref(state, nxt, True, mention, forward=True))
            else:
                item.bullets.append("Tidspunkt for neste møte avtales senere.")
            return item
        if rng.random() < 0.2:
            item.paras = [rng.choice(["Ingen saker som ble diskutert.", "Ingen saker.",
                                      "Ingen saker under eventuelt."])]
            return item
        for _ in range(rng.randint(1, 4)):
            prose.pick_topic()
            head, text, concl = rng.choice(EVENTUELT_NOTES)
            sub_title = cap(prose.fill(head))
            sub_text = cap(prose.fill(text))
            if concl is not None or rng.random() < 0.3:
                concl_text = cap(prose.fill(concl)) if concl else prose.conclusion("plain")
            else:
                concl_text = None
            item.subpoints.append((sub_title, sub_text, concl_text))
        firsts = [c for _, _, c in item.subpoints if c]
        if firsts:
            item.conclusion = [firsts[0]]
        return item

    # ---------------------------------------------------------------- references
    def plant_case_ref(self, state: BodyState, meeting: PMeeting, item: PItem):
        rng = self.rng
        fmt = state.body.fmt
        year = meeting.day.year
        if fmt == "004":
            return
        missing = rng.random() < 0.22
        label = path = None
        if not missing:
            pool = state.cases.get(year, []) + state.cases.get(year - 1, [])
            if pool:
                label, path, _, _ = rng.choice(pool)
            else:
                missing = True
        if missing:
            label = self.missing_label(state, year)
        if label is None:  # no label outside the archive to point to (a label from the pool is never None)
            return
        sentence, mention = rng.choice([
            ("Saken må ses i sammenheng med sak {L}.", "sak {L}"),
            ("Det vises til tidligere drøfting (jf. sak {L}).", "jf. sak {L}"),
            ("Jf. sak {L}.", "Jf. sak {L}"),
            ("Temaet ble også drøftet i forbindelse med budsjettet, jfr. sak {L}.", "jfr. sak {L}"),
            ("Saken ble tidligere behandlet i sak {L}.", "sak {L}"),
            ("Se også sak {L}.", "sak {L}"),
            ("Viser til sak {L}.", "Viser til sak {L}"),
        ])
        sentence, mention = sentence.replace("{L}", label), mention.replace("{L}", label)
        if sentence.startswith("Jf."):
            sentence += " " + self.prose.sentence()
        self.insert_text(item, sentence)
        item.refs.append(Ref(kind="case", text=mention, target=_norm_key(label), exists=not missing,
                             target_path=path))

    def missing_label(self, state: BodyState, year: int) -> str | None:
        """A case label that is not (and will never be) in the archive."""
        fmt = state.body.fmt
        rng = self.rng
        complete = [y for y in state.counter if y < year]
        if complete and rng.random() < 0.7:
            y = rng.choice(complete)
            return case_label(fmt, state.counter[y] + rng.randint(3, 40), y)
        first_year = state.body.dates[0].year
        return case_label(fmt, rng.randint(1, 60), first_year - rng.randint(1, 3))

    def plant_cross_body_ref(self, state: BodyState, meeting: PMeeting, item: PItem):
        rng = self.rng
        siblings = [s for s in self.states.values() if s is not state and s.body.fmt != "004"
                    and (s.cases.get(meeting.day.year) or s.cases.get(meeting.day.year - 1))]
        if not siblings:
            self.plant_outside_ref(state, meeting, item)
            return
        other = rng.choice(siblings)
        pool = other.cases.get(meeting.day.year, []) + other.cases.get(meeting.day.year - 1, [])
        label, path, _, _ = rng.choice(pool)
        missing = rng.random() < 0.15
        if missing:
            label = self.missing_label(other, meeting.day.year) or label
            path = None
        name = other.body.name
        if state.body.fmt == "002":
            mention = f"Sak {label} {name} i {self.org.short_name}"
            item.docs.append((mention, "attachment"))
        else:
            sentence, mention = rng.choice([
                ("Saken er også behandlet i {B} (sak {L}).", "{B} (sak {L})"),
                ("Det vises til sak {L} i {b}.", "sak {L} i {b}"),
                ("{B} behandlet saken i sak {L}.", "{B} behandlet saken i sak {L}"),
                ("Saken ses i sammenheng med sak {L} i {B}.", "sak {L} i {B}"),
            ])
            values = {"{B}": name, "{b}": other.body.lower, "{L}": label}
            for slot, value in values.items():
                sentence, mention = sentence.replace(slot, value), mention.replace(slot, value)
            self.insert_text(item, sentence)
        item.refs.append(Ref(kind="case", text=mention, target=_norm_key(label), exists=not missing,
                             external=True, in_archive=True,
                             body=f"{self.org.slug}/{other.body.slug}", target_path=path))

    def plant_outside_ref(self, state: BodyState, meeting: PMeeting, item: PItem):
        rng = self.rng
        year = meeting.day.year - (1 if rng.random() < 0.5 else 0)
        n = rng.randint(1, 140)
        label = f"{n:03d}/{year % 100:02d}" if rng.random() < 0.5 else f"{n}/{year % 100:02d}"
        muni = rng.choice(self.org.municipalities)
        outside = rng.choice([f"Formannskapet i {muni} kommune", f"Kommunestyret i {muni}",
                              f"Bystyret i {muni}", "Fylkestinget", f"Formannskapet i {muni}",
                              "Fylkesutvalget"])
        if state.body.fmt == "002":
            mention = f"Sak {label} {outside}"
            item.docs.append((mention, "attachment"))
        else:
            mention = rng.choice([f"sak {label} i {outside[0].lower() + outside[1:]}",
                                  f"PS {label} {outside}"])
            self.insert_text(item, rng.choice([f"Det vises til {mention}.",
                                               f"Saken ble behandlet i {mention}.",
                                               f"Bakgrunnen er vedtaket i {mention}."]))
        item.refs.append(Ref(kind="case", text=mention, target=_norm_key(label), exists=None,
                             external=True, in_archive=False, body=outside))

    def plant_meeting_mention(self, state: BodyState, meeting: PMeeting, item: PItem):
        """'I møte den 27.11.09 ba sekretariatet ...' - an earlier meeting of the same body."""
        rng = self.rng
        earlier = state.body.dates[max(0, meeting.index - 12): meeting.index]
        if not earlier:
            return
        day = rng.choice(earlier)
        exists = True
        if rng.random() < 0.05:
            day = day + dt.timedelta(days=1)
            exists = day.isoformat() in state.date_set
        fmt = state.body.fmt
        if fmt == "002":
            mention = f"møte den {fmt_num(day, 2)}"
        elif fmt == "000":
            mention = f"møtet {fmt_long(day)}" if day.year == meeting.day.year else \
                f"møtet {fmt_long(day)} {day.year}"
        else:
            mention = f"møtet {fmt_num(day)}"
        sentence = rng.choice([f"I {mention} ba {state.body.pronoun} sekretariatet om en oversikt.",
                               f"Saken ble drøftet i {mention}, og det ble bedt om en ny vurdering.",
                               f"{cap(state.body.pronoun)} drøftet temaet i {mention}."])
        self.insert_text(item, sentence)
        item.refs.append(self.meeting_ref(state, day, exists, mention))

    def ordinal_refs(self, state: BodyState, meeting: PMeeting):
        """Format 004: 'jfr. sak 3 ovenfor' (same meeting)."""
        rng = self.rng
        items = [i for i in meeting.items if i.number]
        if len(items) >= 4 and rng.random() < 0.3:
            source = items[-2] if items[-2].kind != "minutes" else items[-1]
            target = rng.choice(items[1:-2])
            mention = f"sak {target.number} ovenfor"
            source.bullets.insert(0, f"Temaet ble drøftet i tilknytning til {mention}, jfr. "
                                     "beslutning om nok tid til gode prosesser i kommunene.")
            source.refs.append(Ref(kind="case", text=mention, target=target.number, exists=True,
                                   target_path=meeting.path, meeting_date=meeting.day.isoformat()))

    def insert_text(self, item: PItem, sentence: str):
        if item.bullets and (not item.paras or self.rng.random() < 0.5):
            item.bullets.insert(self.rng.randint(0, len(item.bullets)), sentence)
        elif item.paras:
            i = self.rng.randrange(len(item.paras))
            item.paras[i] = item.paras[i] + " " + sentence
        else:
            item.paras.append(sentence)

    def register(self, state: BodyState, meeting: PMeeting):
        for item in meeting.items:
            if item.number and state.body.fmt != "004":
                state.cases.setdefault(meeting.day.year, []).append(
                    (item.number, meeting.path, item.title, meeting.day))

    def count(self, record: dict):
        stats = self.stats
        stats["items"] += len(record["items"])
        for ref in record["references"]:
            stats["references"] += 1
            stats["case_references" if ref["kind"] == "case" else "meeting_references"] += 1
            if ref["exists"] is False:
                stats["missing_targets"] += 1
            if ref["external"]:
                stats["external_references"] += 1
                stats["cross_body_references" if ref["in_archive"] else
                      "outside_archive_references"] += 1
            if ref["forward"]:
                stats["forward_references"] += 1


# --------------------------------------------------------------------------------------------
# Renderers: one per format, each imitating its seed
# --------------------------------------------------------------------------------------------

def _tabs_after(label: str) -> str:
    return "\t" * (3 if len(label) < 22 else 2)


def _goback(w: ArchiveWriter, lines: list[str], meeting: PMeeting, start: int):
    """Word's hidden '_GoBack' bookmark, left in the text by the converter (seed 000)."""
    if w.rng.random() < 0.35:
        candidates = [i for i in range(start, len(lines))
                      if lines[i].strip() and not lines[i].startswith(("\t", "Konklusjon", "•"))]
        if candidates:
            i = w.rng.choice(candidates)
            lines[i] = "[bookmark: _GoBack]" + lines[i]
            meeting.debris.append("[bookmark: _GoBack]")


def render_000(w: ArchiveWriter, m: PMeeting) -> str:
    """Grenland: tab-indented table export (seed 000)."""
    rng = w.rng
    body = m.body
    lines = [f" Referat fra {body.lower}", f"{m.day.day:02d}.{m.day.month:02d}.{m.day.year % 100:02d}.",
             "", "\t", "", "\t",
             f"Tid og sted: {m.location} {m.start.replace(':', '')} - {m.end.replace(':', '')}"
             + " " * rng.randint(0, 13), "", "Medlemmer: "]
    rows = [(role, p) for role, p, _ in m.present]
    staff = m.staff[0][1]
    member_lines = [f"{role}: {_tabs_after(role + ': ')}{p.shown} " for role, p in rows]
    member_lines.append(f"{w.org.short_name}: {_tabs_after(w.org.short_name + ': ')}{staff.shown}")
    lines += member_lines
    if m.absent:
        lines += ["", "Forfall: "]
        lines += [f"{role}: {_tabs_after(role + ': ')}{p.shown} " for role, p, _ in m.absent]
    others = list(m.deputies) + [(t, p) for t, p in m.staff[1:]] + [(r, p) for r, p, _ in m.guests]
    if others:
        lines += ["", "Andre"]
        for role, person in others:
            label = cap(role)
            lines.append(label + " " * max(2, 48 - len(label)) + person.shown)
    lines += ["", "", "", "", "\tSaksnr.", f"\t{body.name}", "", ""]
    start = len(lines)
    for item in m.items:
        if item.number:
            lines.append(f"\t{item.number}")
        lines.append(f"\t{item.title}" + (" " if rng.random() < 0.1 else ""))
        if item.kind == "info":
            lines.append("\t" + item.paras[0])
            lines.append("")
            continue
        if item.kind == "eventuelt" and item.subpoints:
            for sub_title, sub_text, concl in item.subpoints:
                lines.append(f"-{sub_title}. {sub_text} ")
                if concl:
                    lines.append(f"Konklusjon: {concl}")
                lines.append("")
            continue
        for para in item.paras:
            lines.append(para + (" " if rng.random() < 0.2 else ""))
        if item.table:
            lines += [f"•\t{a} {b}" for a, b in item.table]
        if item.bullets:
            if item.paras:
                lines.append("")
            lines += [f"•\t{b}" + (" " if rng.random() < 0.3 else "") for b in item.bullets]
            lines.append("")
        if item.conclusion:
            if lines[-1] != "":
                lines.append("")
            lines.append(f"Konklusjon: {item.conclusion[0]}" + (" " if rng.random() < 0.2 else ""))
            lines += item.conclusion[1:]
        lines.append("")
    while lines and lines[-1] == "":
        lines.pop()
    _goback(w, lines, m, start + len(lines[start:]) * 2 // 3)
    return "\n".join(lines) + rng.choice(["\n ", "\n"])


def _p(text: str) -> str:
    return f"<p>{text}</p>"


def render_001(w: ArchiveWriter, m: PMeeting) -> str:
    """Grenland: table rows whose cells hold HTML fragments (seed 001)."""
    rng = w.rng
    body = m.body
    lines = ["", "", f"Saksliste {body.name}", "", f"{fmt_num(m.day)}.", "",
             f"Sted:\t{m.location}", f"Tid:\t{m.start} – {m.end}", "Til stede:\t"]
    lines += [f"{role}\t{p.shown}" for role, p, _ in m.present]
    for role, person in m.deputies:
        lines.append(f"{role}\t{person.shown}")
    for role, person, _ in m.guests:
        lines.append(f"{cap(role)}\t{person.shown}")
    if m.absent:
        lines.append("Forfall:\t")
        lines += [f"{role}\t{p.shown}" for role, p, _ in m.absent]
    lines += [f"Møteleder:\t{m.chair.name}", f"Referent:\t{m.named_secretary().name}", ""]
    table_items = [i for i in m.items if i.table]
    pad = "\t" * (2 * len(table_items[0].table)) if table_items else ""
    padding = bool(table_items)
    lines.append(f"Saksnr.\t{body.name}" + pad)
    trailing: list[str] = []
    for item in m.items:
        cells = [_p(item.title)]
        for para in item.paras:
            if rng.random() < 0.1 and not item.refs:
                words = para.split(" ")
                if len(words) > 6:
                    k = rng.randrange(len(words) - 2)
                    words[k] = f"<i>{words[k]}</i>"
                    para = " ".join(words)
            cells.append(_p(para))
        if item.bullets:
            cells += [_p(b) for b in item.bullets]
        if item.kind == "eventuelt" and item.subpoints:
            spill = rng.random() < 0.3 and len(item.subpoints) > 1
            keep = item.subpoints[:1] if spill else item.subpoints
            for sub_title, sub_text, concl in keep:
                cells.append(_p(sub_title))
                cells.append(_p(sub_text))
                if concl:
                    cells.append(_p(f"Konklusjon: {concl}"))
            if spill:
                for sub_title, sub_text, concl in item.subpoints[1:]:
                    trailing += ["", sub_title, "", sub_text]
                    if concl:
                        trailing += ["", f"Konklusjon: {concl}"]
        conclusion_cells = [_p(f"Konklusjon: {' '.join(item.conclusion)}")] if item.conclusion and not (
            item.kind == "eventuelt" and item.subpoints) else []
        if item.table:
            rows = " ".join("<tr> " + " ".join(f"<td>{c}</td>" for c in row) + " </tr>"
                            for row in item.table)
            flat = [c for row in item.table for c in row]
            lines.append(f"{item.number}\t" + " ".join(cells) + f" <table> {rows} </table>\t"
                         + "\t".join(flat))
            for row in item.table:
                lines.append("\t".join(row) + pad)
            if conclusion_cells:
                lines += ["", "\t" + " ".join(conclusion_cells)]
            padding = False
            m.repeated_once.append(item.table[-1][-1])
            continue
        cells += conclusion_cells
        if len(cells) > 3 and rng.random() < 0.2:
            split = rng.randint(2, len(cells) - 1)
            lines.append(f"{item.number}\t" + " ".join(cells[:split]) + (pad if padding else ""))
            lines += ["", "\t" + " ".join(cells[split:])]
        else:
            lines.append(f"{item.number}\t" + " ".join(cells) + (pad if padding else ""))
    lines += trailing
    m.debris += ["<p>"] + (["</td>"] if table_items else [])
    return "\n".join(lines)


def _yymmdd(day: dt.date) -> str:
    return f"{day.year % 100:02d}{day.month:02d}{day.day:02d}"


def render_002(w: ArchiveWriter, m: PMeeting) -> str:
    """Kongsbergregionen: full case documents with contents and attachment list (seed 002)."""
    rng = w.rng
    prose = w.prose
    body = m.body
    org = w.org
    munis = org.municipalities
    muni_line = ", ".join(munis[:-1]) + f" og {munis[-1]} kommuner" if len(munis) > 1 else munis[0]
    wrapped = []
    current = ""
    for part in re.split(r"(?<=,) ", muni_line):
        if current and len(current) + len(part) > 48:
            wrapped.append(current)
            current = part
        else:
            current = f"{current} {part}".strip()
    wrapped.append(current)
    loc_parts = m.location.split(", ", 1)
    sec_title, secretary = m.staff[-1] if rng.random() < 0.5 else m.staff[0]
    m.secretary = secretary
    email = f"{slugify(secretary.first).replace('-', '')}@{org.domain}"
    phone = w.phones.setdefault(secretary.name, f"{rng.randint(31, 38)} {rng.randint(10, 99)} "
                                                f"{rng.randint(10, 99)} {rng.randint(10, 99)}")
    lines = [
        "", "", "", "", org.name, "", "", "", *wrapped,
        "", f"{body.name} {fmt_long(m.day)} {m.day.year}", "",
        rng.choice(["Møtereferat!", "Møtereferat", "Møtereferat!"]), "",
        f"Sted: {loc_parts[0]}", *loc_parts[1:],
        f"Tid: {m.start} – {m.end}", "", f"Møteleder: {m.chair.name}", "", "Referent",
        secretary.name, sec_title, email, f"tlf: {phone}",
        f"mob: {rng.randint(40, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        "", "", "", "Sakliste", ""]
    # Attachments: numbered in item order.
    attachments: list[tuple[str, str, str | None]] = []  # (label, text, item number)
    for item in m.items:
        for k, (text, kind) in enumerate(item.docs):
            if kind == "attachment" or (kind is None and item.kind != "minutes"):
                attachments.append((f"Vedl {len(attachments) + 1}", text, item.number))
                item.docs[k] = (text, len(attachments))
        if item.kind in ("case", "followup") and rng.random() < 0.35:
            for _ in range(rng.randint(1, 2)):
                day = m.day - dt.timedelta(days=rng.randint(5, 40))
                text = (f"{_yymmdd(day)} {rng.choice(['Notat fra', 'Brev fra', 'Henvendelse fra', 'Rapport fra', 'Tilbakemeldinger fra'])} "
                        f"{rng.choice([secretary.name, 'kommunene', rng.choice(EXTERNAL_ACTORS), munis[0] + ' kommune'])}")
                attachments.append((f"Vedl {len(attachments) + 1}", text, item.number))
                item.docs.append((text, len(attachments)))
    m.attachments = attachments
    page = 3
    for item in m.items:
        dots = "....." if rng.random() < 0.9 else ""
        lines.append(f"Sak {item.number}: {item.title}{dots}\t{page}")
        if item.lead:
            lines.append(f"- {item.lead}.....\t{page}")
        page += rng.randint(0, 2)
    lines += ["", ("Vedlegg som var utsendt vedlagt innkalling/sakliste – i teksten er henvisningen i "
              "fet/kursiv:"), ""]
    late = rng.random() < 0.2
    for i, (label, text, number) in enumerate(attachments):
        extra = " (ettersendt)" if late and i == len(attachments) - 1 else ""
        lines.append(f"- {label}** {text} – *til sak {number}{extra}*")
    if not attachments:
        lines.append("- Ingen")
    # Attendees as a two-column pipe table.
    people = [f"{p.name}/{muni}" for _, p, muni in m.present]
    people.append(f"{m.staff[0][1].name}/{cap(m.staff[0][0])}")
    half = (len(people) + 1) // 2
    left, right = people[:half], people[half:]
    width = max([len(x) for x in right] + [10]) + 4
    lines += ["", "Til stede:", "", "- | | |", "|--|" + "-" * width + "|"]
    for i, name in enumerate(left):
        other = f"- {right[i]} " if i < len(right) else ""
        lines.append(f"| – {name} | {other}|")
    if m.absent:
        lines += ["", "Forfall:", ""] + [f"- {p.name}/{muni}" for _, p, muni in m.absent]
    if m.deputies:
        lines += ["", "Møtende vararepr:", ""] + [f"- {p.name}" for _, p in m.deputies]
    others = [(r, p) for r, p in m.staff[1:]] + [(r, p) for r, p, _ in m.guests]
    if others:
        lines += ["", "Andre:", ""]
        for role, person in others:
            note = rng.choice(["", "", " (under deler av møtet)"])
            lines.append(f"- {person.name}/{cap(role)}{note}")
    lines += ["", "", ""]
    short = m.day.strftime("%d.%m.") + f"{m.day.year % 100:02d}"
    proposer = {"regional koordinator": "Regional koordinators", "daglig leder": "Daglig leders",
                "sekretariatsleder": "Sekretariatsleders", "regionkoordinator": "Regionkoordinators"}
    proposer_label = proposer.get(w.staff_title, "Sekretariatets")
    for item in m.items:
        lines += [f"Sak {item.number}: {item.title}", ""]
        colon = ":" if rng.random() < 0.5 else ""
        lines += [f"Saksbehandler{colon} {secretary.name}", ""]
        if item.lead:
            lines += [f"- {item.lead}", ""]
        if item.kind == "eventuelt":
            if item.subpoints:
                for sub_title, sub_text, concl in item.subpoints:
                    _, who, where = rng.choice(m.present)
                    source = rng.choice(["sekretariatet", "sekretariatet", f"{who.name}/{where}"])
                    lines += [f"Innspill fra {source}:",
                              "", f"{sub_title}. {sub_text}", "", "Konklusjon:", "",
                              concl or "Saken tas til orientering", ""]
            else:
                lines += [*item.paras, ""]
            continue
        lines += ["Dokumenter i saken:", ""]
        if item.docs:
            for text, number in item.docs:
                ref = f" (*{rng.choice(['vedlegg', 'Vedlegg'])} {number}*)" if isinstance(number, int) else ""
                lines.append(f"- {text}{ref}")
        else:
            lines.append("- Ingen")
        lines += ["", "Opplysninger i saken/Vurderinger:" if item.kind != "minutes"
                  else "Opplysninger i saken:", ""]
        for para in item.paras:
            lines += [para, ""]
        if item.table:
            lines += [f"- {a} {b}" for a, b in item.table] + [""]
        if item.bullets:
            lines += [f"- {b}" for b in item.bullets] + [""]
        if rng.random() < 0.25:
            lines += ["", ""]
        if not item.conclusion:  # this format always records a conclusion
            item.conclusion = ["Saken tas til orientering."]
        conclusion = item.conclusion
        proposal = conclusion if rng.random() < 0.4 or item.kind == "minutes" else [
            f"{body.name} drøfter saken og foreslår evt videre oppfølging"]
        label = "Forslag til konklusjon:" if item.kind == "minutes" else \
            f"{proposer_label} forslag til konklusjon:"
        lines += [label, ""]
        for para in proposal:
            lines += [para, ""]
        if item.kind != "minutes":
            lines += [f"Behandling i {body.lower} {short}:", ""]
            prose.topic = item.topic or prose.topic
            lines += [prose.paragraph(1, 3), ""]
            if rng.random() < 0.4:
                lines += [prose.paragraph(1, 2), ""]
        lines += [f"{body.gen} konklusjon {short} sak {item.number}:", ""]
        for para in conclusion:
            lines += [para, ""]
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines)


def render_003(w: ArchiveWriter, m: PMeeting) -> str:
    """Nordmøre: 'Sak 14-22' headings, bullets and 'Oppsummering' (seed 003)."""
    rng = w.rng
    body = m.body
    weekday = cap(WEEKDAYS[m.day.weekday()])
    lines = ["", "", f"OPPSUMMERING {body.name.upper()} {m.meeting_number}", "",
             (f"{weekday} {fmt_long(m.day)} {m.day.year} kl. {m.start.replace(':', '')} - "
             f"{m.end.replace(':', '')}"), "", m.location, "", "Deltakere", ""]
    lines += [p.name for _, p, _ in m.present]
    lines += [p.name for _, p in m.deputies]
    if m.absent:
        lines += ["", rng.choice(["Fravær", "Fravær", "Forfall"]), ""] + [p.name for _, p, _ in m.absent]
    lines += ["", "Fra adm.", ""] + [p.name for _, p in m.staff]
    if m.guests:
        lines += ["", "Inviterte", ""]
        for role, person, _ in m.guests:
            lines.append(f"{person.name}, {role}" + rng.choice(["", "", " - teams"]))
    lines.append("")
    for item in m.items:
        lines += [f"Sak {item.number} {item.title}", ""]
        if item.kind == "eventuelt" and item.subpoints:
            lines += [f"- {t}: {x}" for t, x, _ in item.subpoints] + [""]
        for para in item.paras:
            lines += [para, ""]
        if item.table:
            lines += [f"- {a} {b}" for a, b in item.table] + [""]
        if item.bullets:
            for bullet in item.bullets:
                lines.append(f"- {bullet}")
                if rng.random() < 0.12:
                    lines += [f" - {w.prose.bullet()}" for _ in range(rng.randint(1, 3))]
            lines.append("")
        if item.conclusion and not (item.kind == "eventuelt" and rng.random() < 0.8):
            lines += ["Oppsummering", "", " ".join(item.conclusion), ""]
        elif item.kind == "eventuelt":
            item.conclusion = []
    signed = m.day + dt.timedelta(days=rng.randint(1, 6))
    chair = m.chair
    lines += [f"{w.org.region.split()[-1]}, {fmt_long(signed)} {signed.year}", "", chair.name, "Leder",
              "", m.staff[0][1].name, cap(m.staff[0][0])]
    return "\n".join(lines)


def render_004(w: ArchiveWriter, m: PMeeting) -> str:
    """Project group: numbered items without case numbers, bullets (seed 004)."""
    rng = w.rng
    body = m.body
    weekday = cap(WEEKDAYS[m.day.weekday()])
    kind = "prosjektgruppemøte (PG-møte)" if body.kind == "pg" else "nettverksmøte"
    project = body.project or body.name
    reps = [f"{p.name} ({muni})" for _, p, muni in m.present]
    lines = ["", "", f"Referat {kind} {project}", "",
             (f"- Tid:** {weekday} {m.day.day}.{m.day.month}.{m.day.year}, kl. "
             f"{m.start.replace(':', '')}-{m.end.replace(':', '')}"),
             f"Sted: {m.location}",
             "Til stede: *Representanter for kommunene:* " + ", ".join(reps) + "."]
    union_people = []
    for union, timeline in w.unions[: rng.randint(1, 3)]:
        union_people.append((union, timeline.at(m.day)))
    if union_people and body.kind == "pg":
        lines.append("Tillitsvalgte: " + ", ".join(f"{p.name} ({u})" for u, p in union_people))
    leader = w.project_leader.at(m.day)
    lines.append(f"{w.org.short_name}: {leader.name} (PL)")
    m.staff = [("prosjektleder", leader)]
    m.union_people = union_people if body.kind == "pg" else []
    if m.absent:
        if rng.random() < 0.5:
            lines.append("Forfall: " + ", ".join(f"{p.name} ({muni})" for _, p, muni in m.absent))
        else:
            munis = [muni for _, _, muni in m.absent]
            text = munis[0] if len(munis) == 1 else ", ".join(munis[:-1]) + " samt " + munis[-1]
            lines.append(f"Forfall: {text} er inntil videre uten representanter.")
            m.absent_unnamed = True
    lines.append("")
    owner = w.staff.at(m.day)
    present_late = rng.random() < 0.5
    if present_late:
        item_no = rng.randint(2, max(2, len(m.items) - 1))
        lines += [f"{owner.name} (PA) var til stede under sak {item_no}.", ""]
        m.guests = [("PA", owner, f"under sak {item_no}")]
    else:
        m.guests = []
    lines += ["Saker på agendaen", ""]
    for item in m.items:
        lines += [f"{item.number}. {item.title}", ""]
        for bullet in item.paras + item.bullets:
            lines.append(f"- {bullet}")
        if not item.bullets and not item.paras:
            lines.append("- Ingen saker.")
        lines.append("")
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines)


RENDERERS = {"000": render_000, "001": render_001, "002": render_002, "003": render_003,
             "004": render_004}


# --------------------------------------------------------------------------------------------
# Truth and output
# --------------------------------------------------------------------------------------------

def truth_record(m: PMeeting) -> dict:
    present = [p.name for _, p, _ in m.present]
    fmt = m.body.fmt
    if fmt == "000":
        present += [m.staff[0][1].name]
        present += [p.name for _, p in m.deputies] + [p.name for _, p in m.staff[1:]]
        present += [p.name for _, p, _ in m.guests]
    elif fmt == "001":
        present += [p.name for _, p in m.deputies] + [p.name for _, p, _ in m.guests]
        if m.named_secretary().name not in present:
            present.append(m.named_secretary().name)
    elif fmt == "002":
        present += [m.staff[0][1].name] + [p.name for _, p in m.deputies]
        present += [p.name for _, p in m.staff[1:]] + [p.name for _, p, _ in m.guests]
    elif fmt == "003":
        present += [p.name for _, p in m.deputies] + [p.name for _, p in m.staff]
        present += [p.name for _, p, _ in m.guests]
    else:
        present += [p.name for _, p in m.union_people]
        present += [p.name for _, p in m.staff] + [p.name for _, p, _ in m.guests]
    seen, unique = set(), []
    for name in present:
        if name not in seen:
            seen.add(name)
            unique.append(name)
    absent = [] if m.absent_unnamed else [p.name for _, p, _ in m.absent]
    items, refs = [], []
    for item in m.items:
        items.append({"number": item.number, "key": item.key, "title": item.title.strip(),
                      "conclusion": " ".join(item.conclusion).strip() or None,
                      "kind": item.kind})
        done = set()
        for ref in item.refs:
            if (ref.kind, ref.target, ref.body, ref.meeting_date) in done:
                continue
            done.add((ref.kind, ref.target, ref.body, ref.meeting_date))
            entry = {"from": item.number, "kind": ref.kind, "text": ref.text, "target": ref.target,
                     "exists": ref.exists, "external": ref.external, "in_archive": ref.in_archive,
                     "body": ref.body, "target_path": ref.target_path, "forward": ref.forward}
            if ref.meeting_date:
                entry["meeting_date"] = ref.meeting_date
            if ref.chain is not None:
                entry["chain"] = ref.chain
            refs.append(entry)
    record = {
        "path": m.path, "organisation": m.org.name, "org": m.org.slug, "body_name": m.body.name,
        "body": m.body.slug, "format": fmt, "date": m.day.isoformat(), "start": m.start,
        "end": m.end, "location": m.location.replace("\n", ", "),
        "chair": m.chair.name if m.chair and fmt in ("001", "002") else None,
        "secretary": m.secretary.name if m.secretary and fmt in ("001", "002") else None,
        "meeting_number": m.meeting_number,
        "attendees": {"present": unique, "absent": absent},
        "items": items, "references": refs,
        "attachments": [{"label": label, "item": number} for label, _, number in m.attachments],
        "debris": sorted(set(m.debris)), "repeated_once": m.repeated_once,
    }
    return record


def _prepare(out: Path):
    if out.exists():
        entries = list(out.iterdir())
        if entries:
            if not (out / TRUTH_FILE).exists():
                raise ValueError(f"{out} is not empty and holds no {TRUTH_FILE}: refusing to "
                                 "write a synthetic archive into it")
            for entry in entries:
                if entry.is_dir():
                    shutil.rmtree(entry)
                else:
                    entry.unlink()
    out.mkdir(parents=True, exist_ok=True)


def _yaml(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None,
                          width=100)


def generate(out_dir: Path, meetings: int, seed: int = 1) -> dict:
    """Write a synthetic archive of ``meetings`` meetings to ``out_dir``; return a summary.

    ``out_dir`` must be empty, missing, or an earlier synthetic archive (it is then replaced).
    """
    if meetings < 1:
        raise ValueError("meetings must be at least 1")
    out = Path(out_dir)
    _prepare(out)
    orgs = plan_archive(meetings, seed)
    writer = ArchiveWriter(out, seed)
    summary_orgs = {}
    per_format: dict[str, int] = {}
    with open(out / TRUTH_FILE, "w", encoding="utf-8", newline="\n") as truth:
        for org in orgs:
            org_dir = out / org.slug
            org_dir.mkdir()
            data = {"name": org.name, "short_name": org.short_name,
                    "municipalities": org.municipalities}
            if org.aliases:
                data["aliases"] = org.aliases
            if org.website:
                data["website"] = org.website
            (org_dir / "organisation.yml").write_text(_yaml(data), encoding="utf-8")
            for body in org.bodies:
                (org_dir / body.slug).mkdir()
                bdata = {"name": body.name, "short_name": body.short_name, "aliases": body.aliases}
                if not body.records_decisions:
                    bdata["records_decisions"] = False
                bdata["description"] = body.description
                (org_dir / body.slug / "body.yml").write_text(_yaml(bdata), encoding="utf-8")
            counts = writer.run_org(org, truth)
            summary_orgs[org.slug] = {
                "name": org.name,
                "bodies": {b.slug: {"name": b.name, "format": b.fmt, "meetings": counts.get(b.slug, 0),
                                    "first": b.dates[0].isoformat(), "last": b.dates[-1].isoformat()}
                           for b in org.bodies},
            }
            for b in org.bodies:
                per_format[b.fmt] = per_format.get(b.fmt, 0) + counts.get(b.slug, 0)
    summary = {"meetings": meetings, "seed": seed, "organisations": summary_orgs,
               "per_format": dict(sorted(per_format.items()))}
    summary.update(writer.stats)
    return summary


def corpus_command(out: Path, meetings: int, seed: int = 1, quiet: bool = False) -> int:
    """``python -m generator corpus``: write the archive and print its summary as JSON. A folder that
    is not ours to replace, or no meetings, raises ValueError (the CLI reports it as a usage error)."""
    started = time.perf_counter()
    summary = generate(out, meetings, seed)
    if not quiet:
        summary["seconds"] = round(time.perf_counter() - started, 2)
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    return 0
