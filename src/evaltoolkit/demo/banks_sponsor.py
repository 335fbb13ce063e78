"""What sponsors write in the questionnaires (Dutch, first person), by theme. Invented text.

Slots come from the respondent's context: the family they support ($family, $refugee,
$kunya, $child), fellow sponsor ($fellow), team leader ($tl), their own phone, e-mail,
licence plate and IBAN.
"""
from __future__ import annotations

from evaltoolkit.demo.text import parse_bank

RAW = {
    "zingeving": """
M| {Het geeft me enorm veel voldoening|Ik haal er ontzettend veel energie uit|Het is het mooiste vrijwilligerswerk dat ik ooit heb gedaan}. {Als ik zie hoe $child nu lacht op het schoolplein, weet ik waarom ik het doe.|Elke keer als ik bij de familie $family wegga, fiets ik met een glimlach naar huis.}
M| {Ik heb er zelf heel veel van geleerd|Mijn wereld is groter geworden|Het heeft mijn kijk op ons eigen land veranderd}: {over geduld, over gastvrijheid, over wat echt belangrijk is|ik zie nu pas hoe ingewikkeld Nederland is voor nieuwkomers}.
M| {Voor mij betekent het project|Het project betekent voor mij} {een nieuwe vriendschap|dat ik na mijn pensioen weer van betekenis ben|een tweede familie}. {Ik ben er dankbaar voor.|Dat had ik vooraf niet verwacht.}
U| {Soms vraag ik me af of ik wel iets toevoeg|Er zijn weken dat het vooral zwaar voelt}, {want de problemen zijn zo groot|zeker als ik weer een brief van de Belastingdienst niet kan oplossen}.
R| {Ik deed mee omdat ik iets wilde betekenen|Ik wilde mijn tijd zinvol besteden|Na het overlijden van mijn partner zocht ik iets zinvols}, {en dit voelde meteen goed|en dit paste precies bij mij}.
""",
    "humanitaire_motivatie": """
R| {De beelden uit Syrië en de kampen in Libanon|Het nieuws over de bootjes op de Middellandse Zee|Het verhaal van een collega die zelf gevlucht is} {raakten me|lieten me niet los}; {ik wilde niet alleen toekijken|ik wilde iets concreets doen in plaats van alleen geld geven}.
R| {Mijn eigen ouders zijn ooit gevlucht|Mijn grootouders kwamen na de oorlog met niets naar Nederland|Ik ben zelf twintig jaar geleden als vluchteling gekomen}, {dus ik weet hoe het is om opnieuw te beginnen|ik weet hoe belangrijk één vriendelijk gezicht is}.
R| {Vanuit mijn geloof|Vanuit mijn christelijke achtergrond|Als mens} vind ik {dat je mensen in nood helpt|dat we gastvrij moeten zijn|dat iedereen een veilige plek verdient}. {Mijn motivatie is niet veranderd, eerder sterker geworden.|Dat is in dit jaar alleen maar sterker geworden.}
R| {Mijn motivatie is wel veranderd|Eerlijk gezegd is mijn motivatie veranderd}: {eerst was het een idee, nu gaat het om $refugee en de kinderen|eerst wilde ik helpen, nu is het gewoon vriendschap}.
""",
    "werving_vrijwilligers": """
R| {Ik las een oproep in het huis-aan-huisblad|Ik zag een bericht van VluchtelingenWerk op Facebook|Via de kerk in $place hoorde ik ervan|Een buurvrouw vertelde over de informatieavond|Ik zag een poster in de bibliotheek van $town}. {Ik ben naar de informatieavond gegaan en heb me dezelfde avond opgegeven.|Daarna heb ik $tl gebeld.}
U| {Ik ben gestopt omdat het te veel tijd kostte naast mijn werk|Ik ben gestopt omdat ik na de zomer geen gezin meer had om te begeleiden|Mijn moeder werd ziek en ik moest kiezen|Ik ben verhuisd naar $place en dat was te ver}. {Dat vond ik jammer.|Ik had het graag anders gezien.}
U| {Na de training duurde het vier maanden voordat ik gekoppeld werd|Ik heb maanden gewacht op een gezin|Ik heb me aangemeld, maar er kwam lange tijd niemand}, {en toen was mijn energie eigenlijk al weg|in die tijd ben ik afgehaakt|toen had ik al ander vrijwilligerswerk gevonden}.
U| {In onze sponsorgroep zijn van de acht mensen nog maar drie over|Veel sponsoren zijn afgehaakt|De groep is na de zomer uit elkaar gevallen}, {en dan komt alles op een paar mensen neer|dat zet de rest onder druk}.
C| {Zorg dat nieuwe sponsoren snel gekoppeld worden|Houd contact met wachtende sponsoren|Vraag sponsoren vaker hoe het gaat}, {anders haken ze af|dan blijven mensen betrokken}.
""",
    "verwachtingen_invulling": """
M| {Mijn verwachtingen zijn uitgekomen|Het is beter gegaan dan ik dacht|Het contact is veel warmer dan ik had verwacht}; {de familie $family is ontzettend hartelijk|we zijn echt naar elkaar toe gegroeid}.
U| {Ik had verwacht dat het vooral gezellig zou zijn|Ik dacht dat ik vooral taalmaatje zou zijn|Ik had me voorgesteld dat we samen leuke dingen zouden doen}, {maar in de praktijk ben ik vooral bezig met post en instanties|maar het is vooral regelen en bellen|maar de familie had veel meer praktische hulp nodig}.
U| {Ik zie de familie twee keer per week|Ik ben er gemiddeld acht uur per maand mee bezig|In het begin was ik er bijna dagelijks|Het zijn nu zo'n vier uur per maand}, {en dat is meer dan ik had gedacht|en dat is eigenlijk te veel naast mijn baan|dat vind ik een goede balans}.
U| {De familie verwacht meer van mij dan ik kan geven|$refugee denkt dat ik een woning of werk kan regelen|Ze dachten dat ik van de gemeente was}. {Dat heb ik meerdere keren moeten uitleggen.|Dat was voor ons allebei lastig.}
C| {Het zou helpen als de familie vooraf hoort|Leg aan beide kanten uit} wat een sponsor {is en niet is|wel en niet doet}.
""",
    "training_hulpmiddelen": """
M| {De basistraining was nuttig|De training van VluchtelingenWerk was goed|De training over cultuurverschillen vond ik erg waardevol}, {vooral het deel over trauma|vooral de ervaringen van een oud-hervestiger|vooral de rollenspellen}.
U| {De training kwam te laat|Ik heb de training pas gehad toen ik al maanden bezig was|Er was geen training in $site toen ik begon}, {toen had ik de meeste fouten al gemaakt|ik heb alles zelf moeten uitzoeken}.
U| {Er was te weinig praktisch materiaal|Ik miste een handboek|Ik wist niet waar ik informatie kon vinden over toeslagen en de zorgverzekering}, {dus heb ik zelf een boekje gemaakt met de belangrijkste instanties en telefoonnummers|dus hebben we zelf de handleiding van de wasmachine laten vertalen in het Arabisch}.
C| {Een verdiepende training over geld en toeslagen|Een training over grenzen stellen|Een korte cursus over de inburgeringswet} {zou ik heel nuttig vinden|mis ik nog steeds}.
M| {Met $fellow heb ik een informatieboekje gemaakt|Wij hebben een stappenplan gemaakt voor de eerste weken}, {met foto's van de supermarkt, de huisarts en de school|dat gebruiken andere sponsoren nu ook}.
""",
    "kennisuitwisseling": """
M| {De sponsorgroep is heel waardevol|In onze appgroep helpen we elkaar|De intervisie met andere sponsoren was het nuttigste van alles}: {je hoort hoe anderen het aanpakken|je bent niet de enige die tegen dingen aanloopt}.
U| {Ik heb de andere sponsoren nauwelijks gezien|Er was geen contact met sponsoren uit andere gemeenten|Een sponsorgroep was er eigenlijk niet}, {ik deed het grotendeels alleen|daardoor voelde ik me soms eenzaam in deze rol}.
C| {Een platform om ervaringen uit te wisselen|Een terugkomdag met alle sponsoren|Een digitale plek met tips en formulieren} {zou veel helpen|mis ik}.
""",
    "praktische_hulp": """
M| {Wij doen vooral praktische dingen|Onze belangrijkste activiteiten}: {samen boodschappen doen, naar de huisarts, de post doornemen|fietsles, de weg wijzen in $town, formulieren invullen|meubels ophalen bij de kringloop, gordijnen ophangen}.
M| {Ik heb geholpen met de inschrijving van $child op $school|Ik ben mee geweest naar het ziekenhuis|Ik heb de energierekening met ze uitgezocht}. {Dat kost tijd, maar het scheelt de familie veel stress.|Dat had de familie zonder hulp niet gekund.}
M| {Wij hebben het huis aan de $street ($postcode) klaargemaakt voor aankomst|Met de sponsorgroep hebben we de woning ingericht}, {met spullen uit de buurt|het bed van $child hebben we zelf in elkaar gezet}.
U| {Ik rij ze vaak met mijn auto, een grijze Toyota met kenteken $plate|Ik haal ze regelmatig op met de auto ($plate)}, {maar daar is eigenlijk geen vergoeding voor|maar dat houd ik niet vol}.
U| {Ik heb zelf geld voorgeschoten voor de zorgverzekering|Ik heb een keer de boodschappen betaald}, {ze hebben het later teruggestort op $iban|dat heb ik nooit teruggevraagd}, {maar ik weet niet of dat de bedoeling is|dat voelde ongemakkelijk}.
""",
    "persoonlijke_relatie": """
M| {De relatie is vriendschappelijk|Ik beschouw $refugee als een vriend|Het voelt als familie}. {We lachen veel, ook zonder veel woorden.|De kinderen rennen op me af als ik binnenkom.|$kunya noemt me familie.}
M| {De match is goed|Het klikte meteen}, {we hebben allebei jonge kinderen|we houden allebei van koken|mijn man en $refugee praten over voetbal}.
U| {De match is niet ideaal|Het is lastig om echt contact te krijgen}: {we zien elkaar vooral als er iets geregeld moet worden|de afstand is groot, ik woon in $place|het blijft een beetje formeel}.
U| {Het contact is minder geworden|Na de zomer zagen we elkaar minder}, {de familie redt zich steeds beter|ik had het druk en zij ook|ik weet niet goed of dat aan mij ligt}.
""",
    "gelijkwaardigheid_grenzen": """
M| {Ik krijg veel terug|Wat ik terugkrijg is gastvrijheid}: {ik ga nooit weg zonder eten|$refugee maakt elke keer thee en zoetigheid|ze helpen mij ook, met de tuin of met koken}.
U| {Grenzen stellen vind ik moeilijk|Ik word soms 's avonds laat gebeld|Het is lastig om nee te zeggen}, {zeker als het om de kinderen gaat|ik voel me dan schuldig|ik heb mijn nummer ($phone) maar aan één persoon gegeven}.
U| {Ik merk dat de familie afhankelijk van mij wordt|Ik doe soms dingen die ze zelf zouden kunnen}, {omdat dat sneller gaat|en dan leren ze het niet}.
C| {Het helpt om vooraf af te spreken wanneer je bereikbaar bent|Spreek af wat je wel en niet doet}, {dat heb ik in de training gemist|dat had ik eerder moeten doen}.
""",
    "taalbarriere": """
U| {De taal is de grootste drempel|Communiceren gaat moeizaam}: {we gebruiken Google Translate, maar dat gaat vaak mis|$child moet vaak tolken, en dat vind ik geen goede situatie|met handen en voeten komen we een eind, maar niet bij medische zaken}.
U| {Er is te weinig tolkhulp|Bij belangrijke afspraken was er geen tolk|Een tolk aanvragen kan alleen via de maatschappelijk begeleider}, {dus moest ik improviseren|terwijl het om belangrijke dingen ging}.
M| {Met een vertaalapp en veel geduld gaat het prima|Inmiddels spreekt $refugee genoeg Nederlands voor een gewoon gesprek}, {dat is mooi om te zien|de vooruitgang is groot}.
""",
    "informatievoorziening": """
U| {De familie wist bij aankomst niets van het project|De familie was niet voorbereid op ons|Ze wisten niet wat een sponsor is}, {ze dachten dat ik van de gemeente was|het duurde weken voordat het vertrouwen er was}.
U| {Het eerste contact was onwennig|De eerste ontmoeting was wat ongemakkelijk}: {er was geen tolk|er was niemand van VluchtelingenWerk bij|we wisten niet goed wat we moesten zeggen}.
M| {Het eerste contact was warm|De eerste ontmoeting was bij aankomst op Schiphol, dat was bijzonder}. {$tl had ons goed voorbereid.|We hadden een welkomstkaart in het Arabisch gemaakt.}
C| {Informeer de families al vóór vertrek|Geef sponsoren vooraf meer informatie over de familie}, {bijvoorbeeld over gezondheid en gezinssituatie|dan kun je je beter voorbereiden}.
""",
    "taakverdeling": """
U| {De taakverdeling met de maatschappelijk begeleider is onduidelijk|Ik weet vaak niet wat wel en niet mijn taak is|Het is niet duidelijk wie wat doet}. {Soms doen we dubbel werk met $counsellor, soms doet niemand het.|De familie belt mij voor dingen die eigenlijk bij VluchtelingenWerk horen.}
M| {Sinds er een takenlijst is|Nu er een checklist is van $tl}, {is het veel duidelijker|weet ik beter wat ik moet doen}. {Ik doe de praktische en sociale dingen, $counsellor de financiële en juridische.|Dat had vanaf het begin zo moeten zijn.}
R| {Mijn taak zie ik als|Ik zie mezelf als} {maatje en wegwijzer|een brug naar de Nederlandse samenleving|een vriendin die helpt waar nodig}, {niet als hulpverlener|en niet als vervanging van de professionals}.
""",
    "centrale_ondersteuning": """
M| {De steun van $tl was uitstekend|VluchtelingenWerk was altijd bereikbaar|Ik kon altijd bij $tl terecht}, {ze reageerde snel op mijn vragen|ook in het weekend}.
U| {De ondersteuning vanuit VluchtelingenWerk was wisselend|Er waren veel wisselingen van contactpersoon|Vanuit de landelijke projectleiding hoorden we weinig}, {ik wist niet altijd bij wie ik terecht kon|er werd soms niet teruggebeld}.
""",
    "draagvlak": """
M| {Mijn eigen netwerk is vrij wit en Nederlands|Eerlijk gezegd kende ik vrijwel geen vluchtelingen}, {door dit project is dat veranderd|nu ken ik mensen uit Syrië en Eritrea}.
M| {In mijn omgeving zijn de reacties positief|Mijn buren helpen nu ook mee|Zelfs mijn broer, die altijd kritisch was over vluchtelingen, vraagt nu hoe het met $refugee gaat}. {Dat vind ik een mooie bijvangst.|Zo verandert er toch iets.}
U| {Sommige mensen reageren negatief|Op een verjaardag kreeg ik de vraag waarom ik 'die mensen' help|Een kennis zei dat ze eerst maar eens moeten werken}. {Daar ga ik dan het gesprek over aan.|Dat vind ik pijnlijk.}
U| {Ik heb discriminatie gezien|Ik was erbij toen $refugee in een winkel anders werd behandeld|Bij een woningbezichtiging werd de familie niet serieus genomen}. {Dat heeft me geraakt.|Dat had ik niet verwacht in $town.}
M| {Mijn houding tegenover vluchtelingen is veranderd|Ik kijk anders naar vluchtelingen dan een jaar geleden}: {ik zie nu de mens achter het nieuws|ik begrijp nu veel beter hoe moeilijk het systeem is}.
""",
    "beperkte_slagkracht": """
U| {Ik loop aan tegen dingen waar ik niets aan kan doen|Bij de echte problemen sta ik machteloos|Als vrijwilliger heb je weinig invloed}: {de wachtlijsten, de gezinshereniging, de woningcorporatie|de brieven van de Belastingdienst|de regels van de inburgering}.
U| {De familie heeft psychische klachten|$refugee slaapt slecht en piekert veel|Ik merk dat er veel trauma is}, {en daar ben ik niet voor opgeleid|en ik weet niet hoe ik daarmee om moet gaan}.
""",
    "sociale_contacten": """
M| {Ik heb de familie voorgesteld aan mijn buren|We zijn samen naar het buurtfeest geweest|De familie komt nu ook op de koffieochtend in het buurthuis}, {en dat gaat goed|zo breidt hun netwerk uit}.
U| {De familie is nog erg op zichzelf|Ze hebben weinig contact buiten de sponsoren|$refugee voelt zich eenzaam}, {vooral in de winter|omdat er geen landgenoten in de buurt wonen}.
""",
    "toegang_basisvoorzieningen": """
U| {De grootste uitdagingen voor de familie|Wat voor hen het moeilijkst is}: {de wachtlijst bij de tandarts en de huisarts|vervoer, alles is ver weg zonder auto|een school vinden voor de oudste, die nergens werd aangenomen}.
U| {Psychologische hulp is bijna niet te krijgen|Voor traumazorg staan ze al maanden op een wachtlijst}, {terwijl dat het meest nodig is|en ik zie het slechter gaan}.
""",
    "taal_en_participatie": """
M| {Ik denk dat ik bijdraag aan hun integratie|Mijn bijdrage aan de integratie is vooral}: {oefenen met de taal en uitleggen hoe dingen hier werken|ik laat zien hoe Nederland werkt, van de kringloop tot de gemeente}.
M| {$refugee heeft via mijn netwerk een baan gevonden bij $employer|Ik heb $refugee geholpen met een sollicitatie|Via mijn zwager kon $refugee meelopen bij een bedrijf}. {Dat was een groot moment.|Hij straalde.}
""",
    "continuiteit_ondersteuning": """
M| {Ik blijf zeker contact houden|Ook na het project blijven we elkaar zien|Mijn plan is om gewoon vrienden te blijven}, {ook als het officiële jaar voorbij is|dat voelt vanzelfsprekend}.
U| {Ik weet nog niet of ik doorga|Na dit jaar stop ik, denk ik}, {het is veel geweest|ik wil eerst zien wat VluchtelingenWerk nog biedt}.
""",
    "emergent_woningkwaliteit": """
U| {De woning van de familie is vochtig en er zit schimmel in de slaapkamers|Het huis aan de $street heeft ernstige schimmel|In de woning zit veel vocht}, {en de woningcorporatie reageert niet op onze meldingen|en $corp stuurt alleen een folder over ventileren}. {De kinderen zijn vaak ziek.|Dat maakt me boos.}
U| {Ik heb namens de familie drie keer een lekkage gemeld|Ik heb foto's van de schimmel naar de woningcorporatie gestuurd}, {maar er is nog niemand geweest|maar ze zeggen dat de familie beter moet ventileren}. {Dit hoort een huurder niet te overkomen.|Als sponsor sta je dan machteloos.}
""",
    "emergent_moestuin": """
M| {Het mooiste dit jaar was de moestuin|Sinds juni tuinieren we samen in de volkstuin van $place|De gemeenschappelijke moestuin is een schot in de roos}: {$refugee zaait, wiedt en oogst met de buren|de tomaten en de munt van de familie zijn beroemd in de buurt|daar ontmoeten hervestigers en buurtbewoners elkaar vanzelf}.
M| {Bij het oogstfeest in de moestuin|Tijdens het tuinieren} {was de halve straat er|kookte $refugee voor iedereen|spraken de buren ineens met de familie}. {Zo'n plek zou elke gemeente moeten hebben.|Dat deed meer dan tien formele bijeenkomsten.}
""",
}

# More paraphrases: respondents write in their own words.
EXTRA = {
    "zingeving": """
M| {Ik had niet verwacht dat ik er zelf zoveel van zou leren|Ik ben er rijker van geworden, niet in geld maar in ervaring}. {Het relativeert mijn eigen zorgen.|Ik kijk anders naar mijn eigen leven.}
M| {De dankbaarheid van de familie raakt me|Het vertrouwen dat de familie me geeft is bijzonder}, {zeker omdat ze zoveel hebben meegemaakt|dat voelt als een cadeau}.
""",
    "werving_vrijwilligers": """
R| {Via mijn werk hoorde ik van het project|Een vriendin die al sponsor was, vroeg of ik mee wilde doen|Ik zocht vrijwilligerswerk en kwam via de vrijwilligerscentrale bij VluchtelingenWerk}. {Het leek me meteen iets voor mij.|Ik heb er geen seconde spijt van.}
U| {Het kostte me meer tijd dan afgesproken|Ik kreeg het gevoel dat alles op mij neerkwam}, {en ik heb zelf een gezin en een baan|toen de andere sponsoren stopten}. {Daarom ben ik gestopt.|Ik had er geen energie meer voor.}
""",
    "verwachtingen_invulling": """
M| {Ik zie de familie ongeveer een keer per week|We spreken elkaar wekelijks, soms vaker via WhatsApp}, {dat is een goed ritme|dat past goed in mijn week}.
U| {Ik had gehoopt op meer contact met de volwassenen|Het contact loopt vooral via de kinderen}, {omdat die het beste Nederlands spreken|dat had ik anders verwacht}.
""",
    "training_hulpmiddelen": """
M| {Het handboek met de checklist heb ik vaak gebruikt|De lijst met belangrijke instanties en telefoonnummers was heel handig}, {vooral in de eerste weken|zeker bij de inschrijvingen}.
""",
    "praktische_hulp": """
M| {We hebben samen een fiets gekocht bij de kringloop|Ik ben mee geweest naar de opticien|We hebben samen de zorgverzekering uitgezocht}. {Kleine dingen, maar voor hen heel groot.|Het zijn praktische zaken die veel tijd kosten.}
""",
    "persoonlijke_relatie": """
M| {We zijn vrienden geworden|Ik ben uitgenodigd voor de bruiloft van een neef|De familie noemt mij tante}; {dat had ik nooit gedacht|het voelt wederzijds}.
""",
    "gelijkwaardigheid_grenzen": """
M| {Op $refugee's verjaardag was ik de enige Nederlandse gast|$refugee's kinderen noemen mijn kinderen hun neven|Ik ben gevraagd voor $child's diploma-uitreiking}. {Dat raakte me.|Zo voelt het echt wederzijds.}
U| {De familie geeft veel cadeautjes en dat vind ik ongemakkelijk|Ik mag nooit iets betalen als we samen eten}; {ik wil geen gunsten terug|ik weet niet goed hoe ik daarmee om moet gaan}.
""",
    "draagvlak": """
M| {Mijn kinderen zijn nu ook betrokken|Op mijn werk vragen collega's regelmatig naar de familie}; {zo wordt de kring groter|dat verandert beelden}.
""",
    "beperkte_slagkracht": """
U| {Voor gezinshereniging kan ik niets doen|De wachtlijst voor traumazorg kan ik niet korter maken}; {dat is frustrerend|dan voel je je klein}.
""",
    "taalbarriere": """
U| {Zonder tolk kun je over moeilijke dingen eigenlijk niet praten|Over gezondheid of verdriet praten lukt niet met een app}; {dan blijft het oppervlakkig|dat is een gemis}.
""",
    "informatievoorziening": """
U| {Ik kreeg vooraf alleen de namen en de leeftijden van de familie|Van de gezondheidssituatie wist ik niets}; {dat was te weinig om me voor te bereiden|daar schrok ik van}.
""",
    "taakverdeling": """
U| {Soms voelde ik me een onbetaalde maatschappelijk werker|Ik deed dingen waarvan ik later hoorde dat VluchtelingenWerk ze al deed}. {Dat moet beter afgestemd worden.|Daar is meer duidelijkheid over nodig.}
""",
    "centrale_ondersteuning": """
M| {De teamleider nam de tijd voor een evaluatiegesprek|Na een lastig gesprek met de familie belde $tl me meteen terug}. {Dat gaf me vertrouwen.|Ik voelde me gesteund.}
""",
}
for _theme, _lines in EXTRA.items():
    RAW[_theme] = RAW[_theme] + _lines

BANK = parse_bank("sp", RAW)
