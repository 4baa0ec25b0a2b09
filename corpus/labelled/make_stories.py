"""Generate corpus/labelled/stories.jsonl: fictional articles labelled with the story they cover.

Every country, town, person, organisation and outlet is invented. Events of twelve kinds
are told by several outlets, each in its own words (templates with several variants per
sentence, drawn with a fixed seed), some in Spanish. Traps planted on purpose:
the same people in two different events a few weeks apart, and events of the same
kind in the same week in different places. Run: python corpus/labelled/make_stories.py
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

OUT = Path(__file__).with_name("stories.jsonl")
HELDOUT = Path(__file__).with_name("stories-heldout.jsonl")  # drawn at random; never used to tune the clusterer
SEED = 20260311

OUTLETS_EN = [
    "Northgate Herald", "The Kestrian Times", "Valdoria Wire Service", "Morland Daily", "The Linmouth Observer",
    "Harbour & Hill", "Civic Ledger", "The Evening Dispatch", "Pellin Radio News", "Open Morland",
]
OUTLETS_ES = ["Diario del Sarno", "La Voz de Tarsk", "Agencia Meridiana"]

PLACES = {
    "Valdoria": ["Tarsk", "Belvoro", "Orsa", "Kaldera"],
    "Kestria": ["Linmouth", "Pellin", "Frayton", "Quilla"],
    "Morland": ["Vostra", "Istrel", "Domeny", "Marrow Bay"],
    "Sarnia": ["Corvane", "Bellmira", "Santa Orla", "Ruvello"],
}
GIVEN = ["Ilse", "Tomas", "Marek", "Anouk", "Petra", "Bastian", "Livia", "Oren", "Greta", "Casimir", "Noor",
         "Emil", "Rosalind", "Dario", "Henrike", "Jovan", "Mirela", "Aksel", "Sunniva", "Ferran", "Lucía", "Mateo"]
# Surnames are built from syllables so that minor people in different events never share one by
# chance: shared surnames are planted on purpose (the protagonists of EVENTS), never drawn.
SURNAME_HEADS = ["Bel", "Kor", "Mar", "Dra", "Vel", "Ost", "Lin", "Tor", "Hal", "Sar", "Bren", "Quen", "Fal", "Gor",
                 "Pet", "Ras", "Wen", "Ult", "Cam", "Ner"]
SURNAME_TAILS = ["ovic", "ander", "mark", "sen", "ello", "ard", "ik", "ova", "quist", "ane", "etti", "strom", "ford",
                 "ainen", "escu", "wick"]

# Per kind: headlines, leads, details, quotes (EN), and headline, lead, detail (ES).
KINDS: dict[str, dict[str, list[str]]] = {
    "strike": {
        "head": ["{workers} at {place} walk out over {issue}", "Strike halts {facility} in {place}",
                 "{union} calls indefinite strike at {place} {facility}"],
        "lead": ["About {n} {workers_l} at the {facility} in {place} stopped work on {weekday}, demanding {demand}.",
                 "The {union} said {n} of its members at the {place} {facility} would stay off the job until {employer} drops its plan for {issue}.",
                 "Work at the {facility} in {place}, {country}, came to a standstill on {weekday} as {workers_l} began a strike led by {person}."],
        "detail": ["{employer} called the stoppage illegal and said it would seek an injunction.",
                   "Union leader {person} said the plan for {issue} would cost {jobs} jobs.",
                   "Management at {employer} said talks could resume only once the pickets were lifted.",
                   "Pickets blocked the main gate of the {facility} from early morning.",
                   "Local businesses in {place} said deliveries had already been delayed.",
                   "The labour ministry offered to mediate between {union} and {employer}."],
        "quote": ["\"We will not go back until the plan is withdrawn,\" said {person}.",
                  "\"This strike is costing the region dearly,\" a spokesperson for {employer} said."],
        "es_head": ["Huelga indefinida en {facility_es} de {place}"],
        "es_lead": ["Unos {n} trabajadores de {facility_es} de {place} ({country}) iniciaron el {weekday_es} una huelga convocada por el sindicato que dirige {person}."],
        "es_detail": ["La empresa {employer} calificó el paro de ilegal y pidió la intervención de los tribunales.",
                      "Según {person}, el plan de la empresa eliminaría {jobs} empleos."],
    },
    "flood": {
        "head": ["River {river} bursts its banks in {place}", "Floods force {n} from their homes in {place}",
                 "{place} under water after days of rain"],
        "lead": ["The River {river} overflowed in {place}, {country}, on {weekday}, forcing about {n} residents to leave their homes.",
                 "Emergency crews evacuated {n} people from low-lying streets of {place} after the {river} rose {metres} metres in a single night.",
                 "Heavy rain swelled the River {river} until it flooded the centre of {place} on {weekday}."],
        "detail": ["{person}, who heads the {agency}, said the water level had peaked.",
                   "Schools in {place} will remain closed for the rest of the week.",
                   "Volunteers filled sandbags outside the town hall of {place} through the night.",
                   "The {agency} warned that more rain was expected upstream.",
                   "Farmers near {place} said their fields would be under water for weeks.",
                   "A temporary shelter opened in the sports hall of {place}."],
        "quote": ["\"We have never seen the {river} this high,\" said {person}.",
                  "\"Stay away from the riverbanks,\" the {agency} said in a statement."],
        "es_head": ["Inundaciones en {place}: el río {river} se desborda"],
        "es_lead": ["El río {river} se desbordó el {weekday_es} en {place} ({country}) y obligó a evacuar a unas {n} personas."],
        "es_detail": ["{person}, responsable de la {agency_es}, dijo que el nivel del agua ya ha tocado techo.",
                      "Las escuelas de {place} seguirán cerradas el resto de la semana."],
    },
    "election": {
        "head": ["{party} wins {country} election", "{person} claims victory as {party} takes {pct} percent",
                 "Voters in {country} hand {party} a clear win"],
        "lead": ["{party} won {country}'s parliamentary election on {weekday} with {pct} percent of the vote, putting {person} on course to become prime minister.",
                 "{person} declared victory in {country} after official results gave {party} {seats} seats in parliament.",
                 "Turnout reached {turnout} percent in an election that {party}, led by {person}, won comfortably."],
        "detail": ["The outgoing governing party conceded defeat late on election night.",
                   "{person} promised to form a government within two weeks.",
                   "Observers from the regional assembly said the vote had been orderly.",
                   "{party} campaigned on lower energy prices and a new housing programme.",
                   "Opposition leader {person2} said {rival} would hold {party} to account."],
        "quote": ["\"Tonight {country} chose change,\" {person} told supporters in {place}.",
                  "\"We accept the result,\" said {person2}."],
        "es_head": ["{party} gana las elecciones en {country}"],
        "es_lead": ["El partido {party} ganó el {weekday_es} las elecciones legislativas de {country} con el {pct} por ciento de los votos, y {person} será previsiblemente primer ministro."],
        "es_detail": ["{person} prometió formar gobierno en dos semanas.", "La participación alcanzó el {turnout} por ciento."],
    },
    "visit": {
        "head": ["{role} {person} arrives in {place} for talks", "{country2} and {country} sign accords during {person}'s visit",
                 "{person} visits {place}, meets {person2}"],
        "lead": ["{country2}'s {role_l}, {person}, arrived in {place} on {weekday} for two days of talks with {person2} on {topic}.",
                 "The {role_l} of {country2}, {person}, met {person2} in {place}, the capital of {country}, and signed agreements on {topic}.",
                 "{person}, {country2}'s {role_l}, began an official visit to {country} on {weekday}, the first at that level in a decade."],
        "detail": ["The two sides signed {n_acc} agreements on {topic}.",
                   "{person} also laid a wreath at the war memorial in {place}.",
                   "{person2} described the visit as a sign of trust between {country} and {country2}.",
                   "Critics in {country} said the talks had been held behind closed doors.",
                   "The visit comes weeks after a dispute over fishing rights."],
        "quote": ["\"Our countries share more than a border,\" {person} said.",
                  "\"This visit opens a new chapter,\" said {person2}."],
        "es_head": ["{person} visita {place} y se reúne con {person2}"],
        "es_lead": ["El {role_es} de {country2}, {person}, llegó el {weekday_es} a {place} para reunirse con {person2} y firmar acuerdos sobre {topic_es}."],
        "es_detail": ["Ambas partes firmaron {n_acc} acuerdos.", "{person2} calificó la visita de histórica."],
    },
    "fire": {
        "head": ["Fire destroys {company} plant in {place}", "{n_inj} hurt in blaze at {place} factory",
                 "Blaze at {company} warehouse sends smoke over {place}"],
        "lead": ["A fire broke out at the {company} {plant} in {place} on {weekday}, injuring {n_inj} workers and sending a column of black smoke over the town.",
                 "Firefighters fought for {hours} hours to control a blaze at a {plant} owned by {company} on the edge of {place}.",
                 "{n_inj} people were taken to hospital after fire swept through the {company} {plant} in {place}, {country}."],
        "detail": ["Fire chief {person} said the cause was not yet known.",
                   "Residents of {place} were told to keep their windows closed.",
                   "{company} said production would stop for at least a month.",
                   "Investigators from the labour inspectorate arrived on {weekday}.",
                   "It was the second fire at the site in three years."],
        "quote": ["\"The roof collapsed within minutes,\" said {person}.",
                  "\"Our thoughts are with the injured,\" {company} said."],
        "es_head": ["Un incendio destruye la planta de {company} en {place}"],
        "es_lead": ["Un incendio declarado el {weekday_es} en la planta de {company} en {place} dejó {n_inj} heridos, según el jefe de bomberos {person}."],
        "es_detail": ["{company} anunció que la producción se detendrá al menos un mes.", "Se desconocen todavía las causas del fuego."],
    },
    "verdict": {
        "head": ["Court in {place} sentences {person} to {years} years", "{person} found guilty of {charge}",
                 "Verdict in {person} case: {years} years"],
        "lead": ["A court in {place} on {weekday} sentenced {person} to {years} years in prison for {charge}.",
                 "Judge {person2} found {person} guilty of {charge} after a trial that lasted {weeks} weeks.",
                 "{person} was convicted of {charge} by the regional court in {place} and will appeal, his lawyer said."],
        "detail": ["Defence lawyer {person3} called the ruling political and said an appeal would follow.",
                   "Prosecutors had asked for {years_asked} years.",
                   "Supporters of {person} gathered outside the court building in {place}.",
                   "The case began after an investigation by the financial police.",
                   "Judge {person2} said the evidence left no reasonable doubt."],
        "quote": ["\"We will take this to the supreme court,\" said {person3}.",
                  "\"Nobody is above the law,\" the prosecutor told reporters."],
        "es_head": ["Condenan a {person} a {years} años de prisión"],
        "es_lead": ["Un tribunal de {place} condenó el {weekday_es} a {person} a {years} años de cárcel por {charge_es}."],
        "es_detail": ["Su abogado, {person3}, anunció que recurrirá la sentencia.", "La Fiscalía había pedido {years_asked} años."],
    },
    "transfer": {
        "head": ["{person} joins {club2} from {club1}", "{club2} sign striker {person} for {fee} million",
                 "{person} completes move to {club2}"],
        "lead": ["{club2} have signed {person} from {club1} for a fee of about {fee} million crowns, the club said on {weekday}.",
                 "Striker {person} passed a medical in {place} and signed a {years}-year contract with {club2}.",
                 "{club1} confirmed on {weekday} that {person}, their top scorer this season, has left for {club2}."],
        "detail": ["{person} scored {goals} goals for {club1} this season.",
                   "{club2} coach {person2} said the striker would make his debut on Saturday.",
                   "Fans of {club1} reacted angrily to the sale.",
                   "The fee is a club record for {club2}."],
        "quote": ["\"This is the club I dreamed of as a boy,\" {person} said.",
                  "\"He gives us a new option up front,\" said {person2}."],
        "es_head": ["{person} ficha por el {club2}"],
        "es_lead": ["El {club2} fichó el {weekday_es} al delantero {person}, procedente del {club1}, por unos {fee} millones de coronas."],
        "es_detail": ["{person} marcó {goals} goles esta temporada.", "El entrenador {person2} dijo que debutará el sábado."],
    },
    "merger": {
        "head": ["{company} to buy {company2} for {bn} billion", "{company2} agrees takeover by {company}",
                 "Shares in {company2} jump on {company} bid"],
        "lead": ["{company} agreed on {weekday} to acquire {company2} for {bn} billion crowns, creating the largest {sector} group in {country}.",
                 "The boards of {company} and {company2} approved a merger worth {bn} billion crowns, chief executive {person} announced.",
                 "{company2} shares rose {rise} percent after {company} offered {bn} billion crowns for the {sector} firm."],
        "detail": ["{person}, chief executive of {company}, said no jobs would be cut in the first year.",
                   "The deal still needs approval from the competition authority.",
                   "Analysts said the price was higher than expected.",
                   "{company2} employs about {staff} people in {place}."],
        "quote": ["\"Together we will be stronger,\" said {person}.",
                  "\"We will look closely at this deal,\" said a spokesperson for the competition authority."],
        "es_head": ["{company} comprará {company2} por {bn} mil millones"],
        "es_lead": ["{company} acordó el {weekday_es} la compra de {company2} por {bn} mil millones de coronas, según anunció su consejero delegado, {person}."],
        "es_detail": ["La operación necesita el visto bueno de la autoridad de competencia.", "{company2} emplea a unas {staff} personas en {place}."],
    },
    "derailment": {
        "head": ["Train derails near {place}, {dead} dead", "{dead} killed as passenger train leaves tracks in {country}",
                 "Rail crash near {place}: {inj} injured"],
        "lead": ["A passenger train travelling from {place} to {place2} derailed on {weekday}, killing {dead} people and injuring {inj}.",
                 "{dead} people died when several carriages of a {operator} train left the tracks near {place}.",
                 "Rescuers worked through the night at the site near {place} where a {operator} train derailed with {pax} passengers on board."],
        "detail": ["Transport minister {person} said a full inquiry would be held.",
                   "{operator} suspended all services on the line.",
                   "Passengers described being thrown across the carriage.",
                   "The line had been due for repairs since last year, the rail union said.",
                   "Hospitals in {place2} took in most of the injured."],
        "quote": ["\"We owe the families answers,\" said {person}.",
                  "\"The track was in poor condition,\" a union official said."],
        "es_head": ["Descarrila un tren cerca de {place}: {dead} muertos"],
        "es_lead": ["Un tren de {operator} que cubría la ruta entre {place} y {place2} descarriló el {weekday_es}, con un balance de {dead} muertos y {inj} heridos."],
        "es_detail": ["El ministro de Transportes, {person}, anunció una investigación.", "{operator} suspendió el servicio en la línea."],
    },
    "resignation": {
        "head": ["{role} {person} resigns over {scandal}", "{person} quits as {role_l}",
                 "{country} {role_l} steps down amid {scandal}"],
        "lead": ["{country}'s {role_l}, {person}, resigned on {weekday} after reports about {scandal}.",
                 "{person} stepped down as {role_l} of {country}, saying the row over {scandal} had become a distraction.",
                 "Prime minister {person2} accepted the resignation of {role_l} {person} on {weekday}."],
        "detail": ["{person} denied any wrongdoing.",
                   "The opposition had threatened a vote of no confidence.",
                   "{person2} named a deputy as acting {role_l}.",
                   "Newspapers had published documents about {scandal} a week earlier."],
        "quote": ["\"I have done nothing wrong, but I will not let this harm the government,\" said {person}.",
                  "\"The resignation was the right decision,\" said {person2}."],
        "es_head": ["Dimite {person}, {role_es} de {country}"],
        "es_lead": ["{person} presentó el {weekday_es} su dimisión como {role_es} de {country} tras la polémica por {scandal_es}."],
        "es_detail": ["{person} negó haber cometido ninguna irregularidad.", "El primer ministro {person2} aceptó la dimisión."],
    },
    "wildfire": {
        "head": ["Wildfire near {place} forces evacuations", "{ha} hectares burn in {place} forest fire",
                 "Firefighters battle wildfire in hills above {place}"],
        "lead": ["A wildfire in the hills above {place} has burned about {ha} hectares since {weekday}, and {n} residents have been evacuated.",
                 "Strong winds spread a forest fire towards the outskirts of {place}, {country}, forcing the evacuation of {n} people.",
                 "Firefighting planes dropped water over the forest near {place} where a fire has destroyed {homes} homes."],
        "detail": ["{person} of the forest fire service said the fire was not yet under control.",
                   "The main road to {place} was closed.",
                   "Police are investigating whether the fire was started deliberately.",
                   "Temperatures in {place} have topped 38 degrees for a week."],
        "quote": ["\"The wind is our biggest enemy,\" said {person}.",
                  "\"We lost everything,\" one resident of {place} said."],
        "es_head": ["Un incendio forestal obliga a evacuar {place}"],
        "es_lead": ["Un incendio forestal en los montes de {place} ha quemado unas {ha} hectáreas desde el {weekday_es} y obligado a evacuar a {n} vecinos."],
        "es_detail": ["{person}, del servicio forestal, dijo que el fuego sigue sin control.", "La carretera principal de {place} está cortada."],
    },
    "outbreak": {
        "head": ["{disease} outbreak in {place}: {cases} cases", "Health officials trace {disease} cases in {place}",
                 "{place} schools close after {disease} outbreak"],
        "lead": ["Health authorities in {place} have confirmed {cases} cases of {disease} since {weekday}, most of them children.",
                 "An outbreak of {disease} in {place}, {country}, has sent {hosp} people to hospital, the health ministry said.",
                 "{place} closed {schools} schools on {weekday} to slow an outbreak of {disease}."],
        "detail": ["Chief medical officer {person} urged residents to check their vaccination records.",
                   "The source of the outbreak is believed to be a contaminated water supply.",
                   "Clinics in {place} extended their opening hours.",
                   "{person} said the number of new cases had begun to fall."],
        "quote": ["\"There is no reason to panic,\" said {person}.",
                  "\"We should have been warned sooner,\" a parent in {place} said."],
        "es_head": ["Brote de {disease_es} en {place}"],
        "es_lead": ["Las autoridades sanitarias de {place} han confirmado {cases} casos de {disease_es} desde el {weekday_es}."],
        "es_detail": ["{person}, responsable de salud pública, pidió calma.", "Se cree que el origen es el agua contaminada."],
    },
}

FILLER_EN = ["Further details were not immediately available.", "The story is developing.",
             "Officials did not respond to requests for comment.", "Reporting by our correspondent."]
FILLER_ES = ["Se esperan más detalles en las próximas horas.", "Información de nuestro corresponsal."]

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WEEKDAYS_ES = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]


def person(rng: random.Random, used: set[str]) -> str:
    """A new name with a surname nobody else in the corpus has."""
    while True:
        surname = rng.choice(SURNAME_HEADS) + rng.choice(SURNAME_TAILS)
        if surname not in used:
            used.add(surname)
            return f"{rng.choice(GIVEN)} {surname}"


def context(kind: str, day: date, rng: random.Random, used: set[str], fixed: dict[str, str]) -> dict[str, str]:
    country, country2 = rng.sample(sorted(PLACES), 2)
    place, place2 = rng.sample(PLACES[country], 2)
    ctx = {
        "country": country, "country2": country2, "place": place, "place2": place2,
        "person": person(rng, used), "person2": person(rng, used), "person3": person(rng, used),
        "weekday": WEEKDAYS[day.weekday()], "weekday_es": WEEKDAYS_ES[day.weekday()],
        "n": str(rng.choice([300, 450, 800, 1200, 2000, 3500])), "jobs": str(rng.choice([400, 900, 1500])),
        "workers": rng.choice(["Dockworkers", "Miners", "Bus drivers", "Nurses"]),
        "facility": rng.choice(["port", "coal mine", "bus depot", "central hospital"]),
        "issue": rng.choice(["automation", "pension cuts", "night-shift pay", "outsourcing"]),
        "demand": rng.choice(["a 12 percent pay rise", "the withdrawal of the new rota", "safety guarantees"]),
        "union": f"{rng.choice(['United', 'Free', 'National'])} {rng.choice(['Workers', 'Transport', 'Labour'])} Union of {place}",
        "employer": f"{rng.choice(['Harlow', 'Tesk', 'Brightwater', 'Nordane'])} {rng.choice(['Holdings', 'Group', 'Operations'])}",
        "river": rng.choice(["Sarn", "Vell", "Ostrava", "Minna", "Tolk"]), "metres": str(rng.choice([2, 3, 4])),
        "agency": rng.choice(["River Basin Authority", "Civil Protection Office", "Flood Service"]),
        "party": rng.choice(["Civic Renewal", "The People's Alliance", "Green Horizon", "National Union Party"]),
        "pct": str(rng.randint(34, 58)), "seats": str(rng.randint(70, 130)), "turnout": str(rng.randint(55, 78)),
        "rival": rng.choice(["the opposition", "our movement"]),
        "role": rng.choice(["Interior Minister", "Foreign Minister", "Defence Minister"]),
        "topic": rng.choice(["police training", "energy supplies", "fisheries", "rail links"]),
        "topic_es": rng.choice(["formación policial", "suministro energético", "pesca", "conexiones ferroviarias"]),
        "n_acc": str(rng.randint(3, 9)),
        "company": f"{rng.choice(['Korr', 'Alvane', 'Meridian', 'Stellan', 'Quorra'])} {rng.choice(['Chemicals', 'Foods', 'Steel', 'Textiles'])}",
        "company2": f"{rng.choice(['Brisk', 'Tarvo', 'Hollen', 'Ardent'])} {rng.choice(['Energy', 'Telecom', 'Logistics', 'Bank'])}",
        "plant": rng.choice(["factory", "warehouse", "processing plant"]),
        "n_inj": str(rng.randint(3, 30)), "hours": str(rng.randint(5, 14)),
        "years": str(rng.randint(3, 12)), "years_asked": str(rng.randint(13, 18)), "weeks": str(rng.randint(3, 10)),
        "charge": rng.choice(["fraud", "bribery", "embezzling public funds", "money laundering"]),
        "charge_es": rng.choice(["fraude", "soborno", "malversación", "blanqueo de capitales"]),
        "club1": f"{rng.choice(['Real', 'Sporting', 'Athletic', 'Dynamo'])} {rng.choice(PLACES[country])}",
        "club2": f"{rng.choice(['FC', 'United', 'Olympic'])} {rng.choice(PLACES[country2])}",
        "fee": str(rng.randint(4, 40)), "goals": str(rng.randint(8, 27)),
        "bn": str(rng.randint(2, 30)), "sector": rng.choice(["energy", "telecoms", "logistics", "banking"]),
        "rise": str(rng.randint(8, 35)), "staff": str(rng.choice([1200, 3400, 5600])),
        "dead": str(rng.randint(2, 19)), "inj": str(rng.randint(20, 110)), "pax": str(rng.randint(150, 400)),
        "operator": rng.choice(["Valdorian Railways", "KestRail", "Morland State Railways"]),
        "scandal": rng.choice(["undeclared loans", "a luxury flat paid by a contractor", "leaked messages", "travel expenses"]),
        "scandal_es": rng.choice(["unos préstamos no declarados", "unos mensajes filtrados", "sus gastos de viaje"]),
        "ha": str(rng.choice([800, 2500, 6000, 11000])), "homes": str(rng.randint(10, 90)),
        "disease": rng.choice(["measles", "cholera", "hepatitis A", "legionnaires' disease"]),
        "cases": str(rng.randint(25, 400)), "hosp": str(rng.randint(5, 60)), "schools": str(rng.randint(3, 20)),
    }
    ctx.update(fixed)
    ctx["workers_l"] = ctx["workers"].lower()
    ctx["role_l"] = ctx["role"].lower()
    ctx["role_es"] = {"Interior Minister": "ministro del Interior", "Foreign Minister": "ministro de Exteriores",
                      "Defence Minister": "ministro de Defensa"}[ctx["role"]]
    ctx["facility_es"] = {"port": "el puerto", "coal mine": "la mina de carbón", "bus depot": "las cocheras de autobuses",
                          "central hospital": "el hospital central"}[ctx["facility"]]
    ctx["agency_es"] = "autoridad fluvial"
    ctx["disease_es"] = {"measles": "sarampión", "cholera": "cólera", "hepatitis A": "hepatitis A",
                         "legionnaires' disease": "legionela"}[ctx["disease"]]
    return ctx


def article(kind: str, ctx: dict[str, str], rng: random.Random, spanish: bool) -> tuple[str, str]:
    spec = KINDS[kind]
    if spanish:
        title = rng.choice(spec["es_head"]).format(**ctx)
        body = [rng.choice(spec["es_lead"]), *spec["es_detail"], rng.choice(FILLER_ES)]
    else:
        title = rng.choice(spec["head"]).format(**ctx)
        details = rng.sample(spec["detail"], rng.randint(2, min(4, len(spec["detail"]))))
        quotes = rng.sample(spec["quote"], rng.randint(1, 2))
        body = [rng.choice(spec["lead"]), *details, *quotes]
        rng.shuffle(body[1:])  # outlets order the same facts differently
        if rng.random() < 0.5:
            body.append(rng.choice(FILLER_EN))
    paragraphs = [s.format(**ctx) for s in body]
    return title, "\n\n".join(paragraphs)


# (slug, kind, first day, number of English articles, a Spanish article?, fixed names shared with another event)
EVENTS: list[tuple[str, str, str, int, bool, dict[str, str]]] = [
    ("varga-visits-kestria", "visit", "2026-01-12", 4, True, {"person": "Ilse Varga", "role": "Interior Minister", "country2": "Valdoria", "country": "Kestria", "place": "Linmouth"}),
    ("varga-resigns", "resignation", "2026-02-06", 3, False, {"person": "Ilse Varga", "role": "Interior Minister", "country": "Valdoria"}),
    ("tarsk-port-strike", "strike", "2026-01-19", 4, True, {"person": "Tomas Reyl", "place": "Tarsk", "country": "Valdoria", "facility": "port", "workers": "Dockworkers"}),
    ("reyl-verdict", "verdict", "2026-02-16", 3, True, {"person": "Tomas Reyl", "place": "Tarsk", "country": "Valdoria"}),
    ("pellin-bus-strike", "strike", "2026-01-20", 3, False, {"place": "Pellin", "country": "Kestria", "facility": "bus depot", "workers": "Bus drivers"}),
    ("sarn-flood-orsa", "flood", "2026-02-02", 4, True, {"place": "Orsa", "country": "Valdoria", "river": "Sarn"}),
    ("minna-flood-istrel", "flood", "2026-02-03", 3, False, {"place": "Istrel", "country": "Morland", "river": "Minna"}),
    ("kestria-election", "election", "2026-03-01", 5, True, {"person": "Marek Ostrander", "country": "Kestria", "place": "Linmouth", "party": "Civic Renewal"}),
    ("ostrander-visits-morland", "visit", "2026-03-25", 3, False, {"person": "Marek Ostrander", "role": "Foreign Minister", "country2": "Kestria", "country": "Morland", "place": "Vostra"}),
    ("morland-election", "election", "2026-03-08", 3, False, {"country": "Morland", "place": "Vostra", "party": "Green Horizon"}),
    ("korr-fire-belvoro", "fire", "2026-01-27", 3, False, {"company": "Korr Chemicals", "place": "Belvoro", "country": "Valdoria"}),
    ("alvane-fire-domeny", "fire", "2026-01-28", 3, True, {"company": "Alvane Foods", "place": "Domeny", "country": "Morland"}),
    ("danoff-transfer", "transfer", "2026-01-30", 3, True, {"person": "Oren Danoff", "club1": "Dynamo Kaldera", "club2": "United Quilla"}),
    ("danoff-transfer-again", "transfer", "2026-03-27", 2, False, {"person": "Oren Danoff", "club1": "United Quilla", "club2": "Olympic Corvane"}),
    ("hallvik-transfer", "transfer", "2026-01-31", 2, False, {"person": "Greta Hallvik", "club1": "Sporting Frayton", "club2": "FC Bellmira"}),
    ("meridian-brisk-merger", "merger", "2026-02-10", 4, True, {"company": "Meridian Steel", "company2": "Brisk Energy", "person": "Anouk Treml"}),
    ("stellan-tarvo-merger", "merger", "2026-02-11", 2, False, {"company": "Stellan Textiles", "company2": "Tarvo Logistics"}),
    ("vostra-derailment", "derailment", "2026-02-20", 5, True, {"place": "Domeny", "place2": "Vostra", "country": "Morland", "operator": "Morland State Railways", "person": "Petra Kuvell"}),
    ("kuvell-resigns", "resignation", "2026-03-16", 3, False, {"person": "Petra Kuvell", "role": "Interior Minister", "country": "Morland"}),
    ("corvane-wildfire", "wildfire", "2026-03-03", 4, True, {"place": "Corvane", "country": "Sarnia"}),
    ("bellmira-wildfire", "wildfire", "2026-03-04", 2, False, {"place": "Bellmira", "country": "Sarnia"}),
    ("frayton-measles", "outbreak", "2026-02-24", 3, False, {"place": "Frayton", "country": "Kestria", "disease": "measles"}),
    ("ruvello-cholera", "outbreak", "2026-03-10", 3, True, {"place": "Ruvello", "country": "Sarnia", "disease": "cholera"}),
    ("zelenko-verdict", "verdict", "2026-03-12", 2, False, {"person": "Casimir Zelenko", "place": "Pellin", "country": "Kestria"}),
    ("kaldera-mine-strike", "strike", "2026-03-18", 3, True, {"place": "Kaldera", "country": "Valdoria", "facility": "coal mine", "workers": "Miners"}),
    ("quilla-derailment", "derailment", "2026-04-02", 2, False, {"place": "Quilla", "place2": "Linmouth", "country": "Kestria", "operator": "KestRail"}),
    ("sarnia-visit", "visit", "2026-04-06", 3, True, {"role": "Defence Minister", "country2": "Morland", "country": "Sarnia", "place": "Santa Orla"}),
    ("single-orsa-fire", "fire", "2026-04-09", 1, False, {"company": "Quorra Steel", "place": "Orsa", "country": "Valdoria"}),
]


def heldout_events(rng: random.Random, count: int) -> list[tuple[str, str, str, int, bool, dict[str, str]]]:
    """Events drawn at random (kind, day, size, language), for a set the clusterer was never tuned on.

    Every fifth event brings back the protagonist of an earlier one 18 to 35 days later, in another event.
    """
    events: list[tuple[str, str, str, int, bool, dict[str, str]]] = []
    for number in range(count):
        kind = rng.choice(sorted(KINDS))
        day = date(2026, 5, 1) + timedelta(days=rng.randint(0, 100))
        fixed: dict[str, str] = {}
        if number % 5 == 4:
            earlier = events[number - rng.randint(1, 3)]
            if "person" in earlier[5]:
                fixed["person"] = earlier[5]["person"]
                day = date.fromisoformat(earlier[2]) + timedelta(days=rng.randint(18, 35))
        else:
            fixed["person"] = f"{rng.choice(GIVEN)} {rng.choice(SURNAME_HEADS)}{rng.choice(SURNAME_TAILS)}ski"
        events.append((f"h{number:02d}-{kind}", kind, day.isoformat(), rng.randint(1, 4), rng.random() < 0.3, fixed))
    return events


def write(path: Path, events: list[tuple[str, str, str, int, bool, dict[str, str]]], rng: random.Random) -> None:
    used: set[str] = set()
    records = []
    for slug, kind, first, n_en, spanish, fixed in events:
        ctx = context(kind, date.fromisoformat(first), rng, used, fixed)
        outlets = rng.sample(OUTLETS_EN, n_en)
        for k, outlet in enumerate(outlets + ([rng.choice(OUTLETS_ES)] if spanish else [])):
            is_es = k >= n_en
            day = date.fromisoformat(first) + timedelta(days=rng.choice([0, 0, 1, 1, 2, 3]))
            title, text = article(kind, ctx, rng, is_es)
            records.append({
                "id": f"{slug}-{k + 1}",
                "source": outlet,
                "title": title,
                "published": f"{day.isoformat()}T{rng.randint(6, 22):02d}:{rng.choice(['00', '15', '30', '45'])}:00+00:00",
                "language": "es" if is_es else "en",
                "text": f"{title}\n\n{text}",
                "story": slug,
            })
    rng.shuffle(records)
    with path.open("w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} articles in {len(events)} stories to {path}")


def main() -> None:
    write(OUT, EVENTS, random.Random(SEED))
    rng = random.Random(SEED + 1)
    write(HELDOUT, heldout_events(rng, 24), rng)


if __name__ == "__main__":
    main()
