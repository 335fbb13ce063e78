"""The interviewer's questions, the interpreter's short turns, and the English bank.

Topics follow the domain brief's interview guides: round 1 (expectations, contact,
relation, task division, challenges, improvements) and round 2 (first months, who
helped, social connections, change, skills, what could be better, the pilot), plus a
housing question the researchers added in round 2 after signals in the meetings.
Each topic names the themes an answer can draw on. Invented text.
"""
from __future__ import annotations

from dataclasses import dataclass

from evaltoolkit.demo.text import parse_bank


@dataclass(frozen=True)
class Topic:
    topic_id: str
    questions: tuple[str, ...]
    themes: tuple[str, ...]


REFUGEE_TOPICS = {
    "r1": (
        Topic("welkom", ("{Hoe was de aankomst in $site?|Kunt u iets vertellen over de eerste dagen hier?|Hoe was het om in $site aan te komen?}",),
              ("veiligheid_welkom", "praktische_hulp")),
        Topic("verwachtingen", ("{Wat wist u vooraf over de sponsoren?|Hoe bent u voorbereid op het leven hier, en wat had u verwacht?|Wat had u verwacht van de sponsoren voordat u kwam?}",),
              ("informatievoorziening", "verwachtingen_invulling")),
        Topic("contact", ("{Hoe vaak ziet u de sponsoren, en wat doet u samen?|Wat voor dingen doet u met de sponsoren?|Kunt u vertellen over het contact met de sponsoren?}",),
              ("praktische_hulp", "sociale_contacten", "taal_en_participatie")),
        Topic("relatie", ("{Hoe zou u de relatie met de sponsor omschrijven: als helper, als vriend, als familie?|Wat betekent de sponsor voor u?}",),
              ("persoonlijke_relatie", "gelijkwaardigheid_grenzen")),
        Topic("taken", ("{Is het duidelijk wat de sponsor doet en wat de maatschappelijk begeleider doet?|Weet u bij wie u met welke vraag terecht kunt?}",),
              ("taakverdeling",)),
        Topic("uitdagingen", ("{Wat is op dit moment het moeilijkste?|Wat zijn de grootste uitdagingen voor uw gezin?|Waar loopt u tegenaan in het dagelijks leven?}",),
              ("bureaucratie", "toegang_basisvoorzieningen", "financiele_onzekerheid", "familie_buitenland",
               "inburgering_tijdsdruk")),
        Topic("hulp", ("{Hoe helpen de sponsoren u daarbij?|Wat doen de sponsoren als u tegen zo'n probleem aanloopt?}",),
              ("praktische_hulp", "taalbarriere", "bureaucratie")),
        Topic("kinderen", ("{Hoe gaat het met de kinderen, op school en thuis?|Hoe hebben de kinderen de eerste maanden beleefd?}",),
              ("toegang_basisvoorzieningen", "taal_en_participatie", "taalbarriere")),
        Topic("gezondheid", ("{Hoe gaat het met uw gezondheid en die van het gezin?|Lukt het om bij de huisarts of de tandarts terecht te komen?}",),
              ("toegang_basisvoorzieningen", "inburgering_tijdsdruk")),
        Topic("familie", ("{Heeft u nog familie in het buitenland?|Hoe gaat het met de familie die achterbleef?}",),
              ("familie_buitenland", "financiele_onzekerheid")),
        Topic("taal", ("{Hoe gaat het met de Nederlandse taal?|Hoe praat u met de sponsoren: in welke taal?}",),
              ("taalbarriere", "taal_en_participatie")),
        Topic("verbeteren", ("{Wat zou er beter kunnen aan het programma?|Als u iets mocht veranderen, wat zou dat zijn?|Heeft u tips voor nieuwe gezinnen of nieuwe sponsoren?}",),
              ("stem_hervestigers", "verwachtingen_invulling", "informatievoorziening", "taalbarriere")),
    ),
    "r2": (
        Topic("eerste_maanden", ("{Als u terugkijkt op de eerste maanden, wat valt u dan op?|Hoe waren de eerste maanden in Nederland?}",),
              ("veiligheid_welkom", "bureaucratie", "inburgering_tijdsdruk")),
        Topic("wie_hielp", ("{Wat waren de grootste problemen, en wie heeft u daarbij geholpen?|Bij welke problemen kreeg u hulp, en van wie?}",),
              ("toegang_basisvoorzieningen", "financiele_onzekerheid", "familie_buitenland", "praktische_hulp")),
        Topic("woning", ("{Hoe is het met de woning?|Bent u tevreden over het huis?|Hoe gaat het met het huis nu het kouder wordt?}",),
              ("emergent_woningkwaliteit",)),
        Topic("contacten", ("{Heeft u contact met mensen uit de buurt?|Hoe zijn de contacten met Nederlanders in de buurt?|Kent u inmiddels mensen hier, buiten de sponsoren?}",),
              ("sociale_contacten",)),
        Topic("verandering", ("{Hoe heeft het contact met de sponsoren uw leven veranderd?|Is de relatie met de sponsor veranderd sinds de zomer?}",),
              ("persoonlijke_relatie", "continuiteit_ondersteuning")),
        Topic("geleerd", ("{Wat heeft u het afgelopen jaar geleerd?|Welke vaardigheden heeft u hier opgedaan?}",),
              ("taal_en_participatie",)),
        Topic("meest_geholpen", ("{Wat heeft u het meest geholpen?|Wat was de belangrijkste hulp?}",),
              ("praktische_hulp", "taalbarriere", "persoonlijke_relatie")),
        Topic("beter", ("{Wat had beter gekund?|Wat zou u anders willen zien?|Is er iets wat u niet goed vond gaan?}",),
              ("stem_hervestigers", "verwachtingen_invulling", "taakverdeling", "gelijkwaardigheid_grenzen")),
        Topic("kinderen_r2", ("{Hoe gaat het nu met de kinderen?|Wat is er voor de kinderen veranderd sinds de zomer?}",),
              ("toegang_basisvoorzieningen", "taal_en_participatie", "sociale_contacten")),
        Topic("geld", ("{Hoe gaat het met de financiën, met de uitkering en de lening?|Lukt het om rond te komen?}",),
              ("financiele_onzekerheid", "bureaucratie")),
        Topic("familie_r2", ("{Is er nieuws over uw familie in het buitenland?|Hoe gaat het met de familie die nog in de regio is?}",),
              ("familie_buitenland",)),
        Topic("toekomst", ("{Hoe ziet u de toekomst hier?|Wat zijn uw plannen voor het komende jaar?}",),
              ("taal_en_participatie", "continuiteit_ondersteuning", "inburgering_tijdsdruk")),
        Topic("pilot", ("{Wist u dat u deelneemt aan een pilot, een proef?|Wat weet u van het project waar u aan meedoet?}",),
              ("informatievoorziening",)),
    ),
}

MUNICIPAL_TOPICS = (
    Topic("redenen", ("{Waarom heeft de gemeente meegedaan aan deze pilot?|Wat waren voor de gemeente de redenen om hervestigers op te vangen?}",),
          ("taakstelling_efficientie", "humanitaire_motivatie", "openheid_pilot")),
    Topic("meerwaarde", ("{Wat merkt u van de inzet van de sponsoren?|Wat is volgens u de meerwaarde van de sponsoren?}",),
          ("werkdruk", "persoonlijke_relatie", "signalering", "taal_en_participatie")),
    Topic("na_begeleiding", ("{Wat gebeurt er als de reguliere begeleiding stopt?|Hoe ziet u de rol van sponsoren op de langere termijn?}",),
          ("continuiteit_ondersteuning", "draagvlak")),
    Topic("inburgering", ("{Hoe verhoudt het programma zich tot de inburgering?|Past de inburgering bij wat hervestigers nodig hebben?}",),
          ("inburgering_tijdsdruk",)),
    Topic("samenwerking", ("{Hoe verloopt de samenwerking met VluchtelingenWerk en andere partners?|Wat is er veranderd in de samenwerking?}",),
          ("samenwerking", "taakverdeling", "kennisuitwisseling")),
    Topic("rol", ("{Wat was uw eigen rol in de pilot?|Hoe was u betrokken bij de start van de pilot?}",),
          ("openheid_pilot", "samenwerking", "taakverdeling")),
    Topic("knelpunten", ("{Waar liep u tegenaan?|Wat waren de grootste knelpunten voor de gemeente?}",),
          ("inburgering_tijdsdruk", "kennisuitwisseling", "werkdruk", "taakverdeling")),
    Topic("woningen", ("{Hoe gaat het met de huisvesting van de gezinnen?|Krijgt u signalen over de woningen?}",),
          ("emergent_woningkwaliteit",)),
    Topic("toekomst", ("{Zou u dit model aanraden voor een landelijke uitrol?|Wat is er nodig om dit op te schalen?}",),
          ("opschaling_duurzaamheid", "draagvlak")),
)

INTERPRETER_TURNS = (
    "[vertaalt de vraag in het Arabisch]",
    "Ik vertaal even de vraag.",
    "Hij vraagt of u de vraag kunt herhalen.",
    "Ze vraagt wat u bedoelt met sponsor.",
    "Ik leg even uit wat bedoeld wordt.",
    "[vertaalt] Ze wil graag eerst iets anders zeggen.",
    "Hij zegt dat hij het goed begrijpt.",
    "Zij wil dat ik eerst de vraag nog een keer vertaal.",
    "[overlegt kort in het Arabisch met de deelnemer]",
    "Mag ik iets toevoegen? In hun cultuur zeg je niet snel dat iets slecht is.",
    "Ik vertaal het zo letterlijk mogelijk.",
    "[vertaalt de vraag] Ze moet even nadenken.",
)
PROBES = (
    "Kunt u daar een voorbeeld van geven?",
    "Wat bedoelt u daar precies mee?",
    "Hoe voelde dat?",
    "En hoe is dat nu?",
    "Hoe gaat u daar nu mee om?",
    "Kunt u daar iets meer over vertellen?",
)
OPENINGS = (
    "Goedemiddag, fijn dat u er bent. Dit gesprek gaat over uw ervaringen met de sponsoren. U mag altijd stoppen, en we gebruiken geen namen in het rapport. Is het goed dat we het gesprek opnemen?",
    "Dank u wel dat we bij u thuis mogen komen. We praten vandaag over het sponsorprogramma. Alles wat u zegt, blijft anoniem. Mogen we het gesprek opnemen?",
    "Welkom, en dank voor uw tijd. Ik ben onderzoeker en ik wil graag horen hoe het met u gaat. Er zijn geen goede of foute antwoorden. Mag ik het gesprek opnemen?",
)
CONSENT_ANSWERS = ("Ja, dat is goed.", "Ja, geen probleem.", "Ja, dat mag. We willen graag helpen.")
CLOSINGS = (
    "Dit waren mijn vragen. Hartelijk dank voor uw openheid en voor de thee.",
    "Dank u wel. Wilt u nog iets toevoegen wat we niet hebben besproken?",
    "Dank voor dit gesprek. We komen in het najaar nog een keer terug.",
)
OPENERS = ("", "", "", "", "Ja. ", "Nou. ", "Hmm. ", "Dat is een goede vraag. ", "Ja, zeker. ", "Tja. ",
           "Goed. ", "Dat is moeilijk om te zeggen. ", "Ik zal eerlijk zijn. ")

ENGLISH_QUESTIONS = {
    "eerste_maanden": "Looking back, how were the first months in the Netherlands?",
    "wie_hielp": "What were the biggest problems, and who helped you with them?",
    "woning": "How is the house, now that it is getting colder?",
    "contacten": "Do you have contact with people in the neighbourhood?",
    "verandering": "How has the contact with the sponsors changed your life?",
    "geleerd": "What have you learned this past year?",
    "meest_geholpen": "What helped you the most?",
    "beter": "What could have been better?",
    "pilot": "Did you know that you are part of a pilot project?",
    "kinderen_r2": "How are the children doing now?",
    "geld": "How are you managing with money, the benefits and the loan?",
    "familie_r2": "Is there news about your family abroad?",
    "toekomst": "How do you see the future here?",
}
ENGLISH_INTERPRETER_TURNS = (
    "[translates the question into Arabic]",
    "He asks if you can repeat the question.",
    "She wants to add something first.",
    "I will translate as literally as I can.",
    "[confers briefly in Arabic]",
)

ENGLISH = {
    "veiligheid_welkom": """
M| {When we landed at Schiphol|On our first day in $site} {people were waiting for us with flowers|$sponsor was there with a bag of groceries}. {I will never forget that.|We felt welcome immediately.}
M| {Here it is quiet and safe|Here nobody knocks on the door at night}; {the children can play outside|after the years in $country we can finally sleep}.
""",
    "bureaucratie": """
U| {There are so many letters|Every week there is a new letter}, {from the municipality, the tax office, the insurance|and we do not understand them}. {My BSN, $bsn, was written wrongly on one of them.|It took months to get DigiD.}
M| {Every Thursday $sponsor comes and we open the post together|$sponsor made a folder for all our papers}, {now it is not so frightening anymore|and $child puts the important letters in the red folder}.
""",
    "toegang_basisvoorzieningen": """
U| {We waited months for a dentist|There was a waiting list for the GP}, {and $child2 had pain all that time|and at the doctor there is never an interpreter}.
M| {$child goes to $school now|$sponsor arranged the school for $child}, {and she is very happy there|and he already has friends}.
""",
    "financiele_onzekerheid": """
U| {The furnishing loan worries me|Money is always finished before the end of the month}, {nobody explained what it means|and I also want to send money to my family}.
""",
    "familie_buitenland": """
U| {My $relation $relative is still in $relative_city|$relative, my $relation, is still in $relative_city}, {I think about them every day|we call every night on $phone_abroad}. {Family reunification is not possible, they say.|How can I rest here when they are not safe?}
""",
    "praktische_hulp": """
M| {$sponsor helps us with everything|Without $sponsor we would not have managed}: {appointments, the insurance, a bicycle for $child|she even came when the washing machine broke}.
M| {They helped us move the furniture|They put up the curtains and lamps}, {now the house feels like our home|that was a lot of work}.
""",
    "sociale_contacten": """
M| {Through $sponsor we met many people|Our neighbour $neighbour brings cake sometimes}, {we drink tea with the neighbours now|$child plays with their children}.
U| {$Spouse_en is often alone at home|During the day we see nobody}, {everybody here works|we do not know Arabic-speaking people in $town}.
""",
    "persoonlijke_relatie": """
M| {$sponsor is like family to us|She is not a social worker, she is our friend}; {she calls just to ask how we are|it is from heart to heart}.
U| {We see the sponsor less since the summer|In the beginning it was a bit distant}, {nobody told us why|maybe she is busy}.
""",
    "continuiteit_ondersteuning": """
M| {Even when the project stops|When the support of VluchtelingenWerk ends}, {$sponsor says we can always call her|we will stay friends}.
""",
    "taal_en_participatie": """
M| {I practise Dutch with $sponsor|Through the sponsors I found volunteer work at $employer}, {now I dare to speak in the shop|it feels good to work again}.
U| {In my country I was an engineer|At home I was a teacher}, {but here my diploma does not count|but first I must learn the language}.
""",
    "taalbarriere": """
U| {In the beginning we spoke with hands and feet|$child had to translate everything}, {also at the doctor|that is not good for a child}.
M| {Because I speak English it is easier with $sponsor|We use the translation app}, {but $spouse_en cannot join the conversation|and slowly it works}.
""",
    "stem_hervestigers": """
M| {Everything is good, really|We have no complaints}; {we are thankful|who are we to complain?}
U| {If I am honest|I do not want to sound ungrateful, but} {nobody asks what we really need|sometimes we feel like a project}.
""",
    "verwachtingen_invulling": """
U| {We expected more help in the first weeks|I thought the sponsor would help us find work}, {but she has her own life|but that was not what a sponsor does}.
""",
    "taakverdeling": """
U| {Sometimes we do not know whom to call|$counsellor says it is for the sponsor, the sponsor says it is for $counsellor}, {and then nothing happens|that is confusing}.
""",
    "gelijkwaardigheid_grenzen": """
M| {I cook for $sponsor when she comes|We also give something back}, {so it is a friendship, not only help|that is our culture}.
""",
    "informatievoorziening": """
U| {Nobody told us about a pilot|In $country nobody explained what a sponsor is}, {we thought she was from the government|I hear it now for the first time}.
""",
    "inburgering_tijdsdruk": """
U| {The integration course started before we had even unpacked|They already talk about the exam}, {but our heads were not there yet|we first needed time to land}.
""",
    "emergent_woningkwaliteit": """
U| {There is mould on the bedroom wall|The walls in the bathroom are wet and black with mould}, {the housing corporation does not respond|they tell us to ventilate, but the window is always open}. {$child2 coughs all winter.|It is the vocht, the damp, as they say here.}
U| {There is a leak in the ceiling|When it rains water comes through}, {we reported the lekkage three times to $corp|$sponsor sent photos of the schimmel}, {but nobody came|but the woningcorporatie reageert niet}.
""",
    "emergent_moestuin": """
M| {In the moestuin, the vegetable garden,|At the volkstuin behind the church} {we grow tomatoes and mint|I work every Saturday with the neighbours}; {my father was a farmer|it feels like home}.
M| {We shared the first oogst, the harvest,|Gardening with the neighbours} {is the best time of my week|is where I learned Dutch words like zaaien and oogst}.
""",
}

ENGLISH_BANK = parse_bank("en", ENGLISH)
