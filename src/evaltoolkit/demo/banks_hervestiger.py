"""What resettled refugees say (Dutch, as rendered through the interpreter), by theme.

Lines: ``V| sentence`` with V = M (meerwaarde), U (uitdaging), R (reden), C (voorwaarde).
``{a|b}`` are alternatives, ``$slot`` is filled from the family's context. Invented text.
"""
from __future__ import annotations

from evaltoolkit.demo.text import parse_bank

RAW = {
    "veiligheid_welkom": """
M| {Toen we op Schiphol aankwamen|Bij aankomst op het vliegveld|Op de eerste dag in $site} {stonden er mensen met bloemen op ons te wachten|werden we ontvangen met een bord waarop onze namen stonden|stond $sponsor al klaar met een tas vol boodschappen}. {Dat vergeet ik nooit meer.|Mijn vrouw moest huilen, van blijdschap.|Toen wist ik dat we goed terechtgekomen waren.}
M| {Hier is het rustig|Hier is het veilig|Hier slapen we eindelijk door}, {er vallen geen bommen|niemand klopt 's nachts op de deur|de kinderen kunnen gewoon buiten spelen}. {Na al die jaren in $country|Na de jaren in het kamp|Na alles wat we hebben meegemaakt} is dat {het allerbelangrijkste|meer dan we durfden te hopen}.
M| De mensen {in onze straat|in de supermarkt|bij de gemeente|in de moskee en in de kerk} zijn {vriendelijk|heel aardig|geduldig met ons}; {ze groeten ons|een buurman bracht de eerste week zelfs soep|ze lachen naar de kinderen}.
M| {Het eerste wat ik voelde|Wat ik in de eerste week voelde} was rust. {In $country was ik altijd bang voor de politie.|In $country moesten we steeds onze papieren laten zien.} Hier {zwaaide een agent naar $child|vroeg een agent of we de weg konden vinden}.
M| {Het huis was al ingericht|Er stonden bedden en een tafel klaar|De koelkast was gevuld} toen we binnenkwamen. {Dat hadden de sponsoren gedaan.|$sponsor en haar man hadden zelfs gordijnen opgehangen.|Er lag een tekening van de buurkinderen op tafel.}
U| {Soms voel ik me nog niet thuis|Het veilige gevoel komt maar langzaam|Ik ben hier veilig, maar mijn hoofd is nog in $country}, {omdat we de regels nog niet kennen|omdat alles anders is dan we gewend waren|want 's nachts droom ik nog van de oorlog}.
U| {In het begin durfden we niet naar buiten|De eerste weken bleven we veel binnen}, {we wisten niet of dat mocht|we kenden niemand en het was koud en donker}.
""",
    "bureaucratie": """
U| {Er komen zoveel brieven|Elke week ligt er een nieuwe brief in de bus|De post is ons grootste probleem}, {van de gemeente, de Belastingdienst, de zorgverzekering|van instanties waarvan we de naam niet eens kunnen uitspreken}, en {we begrijpen er niets van|ik weet niet welke belangrijk zijn|ik ben bang dat we een boete krijgen}.
U| {Het duurde weken voordat|We moesten lang wachten tot} {we een DigiD hadden|we ingeschreven waren bij de gemeente|de toeslagen geregeld waren}. {Zonder DigiD kun je niets.|Intussen kregen we geen geld.|Elke keer was er weer een ander formulier nodig.}
U| Op {een brief|het formulier van de gemeente} stond {mijn BSN, $bsn,|ons V-nummer, $vnum,} {maar de naam was verkeerd geschreven|en toch zeiden ze dat ze ons niet konden vinden}. {Dat heeft maanden geduurd.|$counsellor heeft drie keer moeten bellen.}
M| {$sponsor leest de brieven met ons|Elke donderdag komt $sponsor en dan maken we samen de post open|$sponsor heeft een map gemaakt met vakjes voor alle papieren}, {zo weten we wat we moeten doen|dan is het niet meer zo eng|en $child mag de belangrijke brieven in de rode map doen}.
M| {Nu begrijp ik de brieven beter|Ik herken nu de brieven van de gemeente en de zorgverzekering}, {maar in het begin was het heel moeilijk|omdat $sponsor steeds uitlegt wat erin staat}.
C| {Het zou helpen als|Het is beter als} {de brieven ook in het Arabisch komen|er één persoon is die alle papieren met ons regelt|iemand in het begin alles uitlegt over DigiD en de toeslagen}.
""",
    "toegang_basisvoorzieningen": """
U| {We hebben maanden gewacht op|Het duurde heel lang voordat we terechtkonden bij} {een huisarts|de tandarts|een school voor $child}. {Er was een wachtlijst.|Niemand nam ons aan.|Intussen had $child2 steeds pijn aan haar tanden.}
U| {Mijn vrouw heeft pijn in haar rug|Ik heb nog steeds last van mijn knie|Mijn zoon slaapt slecht} en {$doctor zegt dat we moeten wachten op het ziekenhuis|we weten niet hoe we een specialist moeten vinden|bij de huisarts is nooit een tolk}.
U| {Bij de huisarts|Bij het ziekenhuis|Op school bij het oudergesprek} is {geen tolk|meestal geen tolk}, {dus nemen we $child mee om te vertalen|dus begrijp ik maar de helft|en dan zeg ik maar ja}.
M| {$child zit nu op $school|$child2 gaat naar $school} {en het gaat daar heel goed|en de juf is heel lief|en er zijn al vriendjes}. {$sponsor heeft de inschrijving geregeld.|Dat had $sponsor voor ons uitgezocht.}
U| {Zonder auto is alles ver weg|Het ziekenhuis is ver|De bus naar $town gaat maar één keer per uur}, {en een fiets durf ik nog niet|en de OV-kaart is duur|en in de winter is dat zwaar met kleine kinderen}.
M| {$sponsor rijdt ons soms naar het ziekenhuis|$sponsor2 heeft ons leren fietsen|We kregen fietsen van de kerk in $place}, {dat scheelt heel veel|nu kunnen we zelf naar de markt}.
C| {Een tolk bij de dokter is heel belangrijk|Er moet bij de huisarts altijd een tolk zijn|Psychologische hulp in onze eigen taal is nodig}, {want het gaat over je gezondheid|want over je gevoel praten via je kind kan niet}.
""",
    "financiele_onzekerheid": """
U| {We hebben een lening moeten afsluiten voor de inrichting|Voor de meubels hebben we een lening van de gemeente|De inrichtingslening is een grote zorg}, {en ik weet niet hoe we die terugbetalen|en niemand heeft ons uitgelegd wat dat betekent|en elke maand gaat er geld af}.
U| {Het geld is elke maand op voordat de maand voorbij is|De eerste maanden kregen we alleen voorschotten|We weten nooit precies hoeveel geld er komt}, {en de energierekening is hoog|en de kinderen hebben schoenen nodig|en ik wil ook geld naar mijn familie sturen}.
U| {Ik schaam me om over geld te praten|Over geld praat je niet met vreemden}, {ook niet met $sponsor|ook niet met $counsellor}, {dus ik zeg dat alles goed gaat|maar het is wel onze grootste zorg}.
M| {$sponsor heeft met ons een overzicht gemaakt van de kosten|Met $sponsor hebben we een kasboekje bijgehouden|$sponsor2 heeft uitgezocht welke toeslagen we kunnen krijgen}, {nu weten we beter waar het geld heen gaat|sindsdien is er minder stress thuis}.
C| {Wij hadden vooraf moeten weten|Ik had graag eerder gehoord} {hoe het zit met de lening en de uitkering|wat alles hier kost|dat de eerste maanden zo moeilijk zijn met geld}.
""",
    "familie_buitenland": """
U| {Mijn $relation $relative is nog in $relative_city|$relative, mijn $relation, zit nog in $relative_city} en {ik denk elke dag aan hem|ik slaap slecht van de zorgen|we bellen elke avond op $phone_abroad}. {Hoe kan ik hier rust hebben als zij daar niet veilig zijn?|Als er iets gebeurt, kan ik niets doen.}
U| {We willen graag dat onze familie ook komt|Ik vroeg naar gezinshereniging}, {maar de regels zijn heel streng|maar voor volwassen kinderen kan het niet|maar de IND zegt dat het niet mogelijk is}. {Dat is het zwaarste van alles.|Daar kan ook $sponsor niets aan doen.}
U| {Mijn oudste zoon|Mijn moeder|Mijn zus} is {achtergebleven in $relative_city|nog in het kamp in $country}. {Iedereen vraagt: waarom jullie wel en wij niet?|Zij denken dat wij hier rijk zijn.}
M| {$sponsor heeft met ons uitgezocht|$sponsor heeft de advocaat gebeld om te vragen} {wat de mogelijkheden zijn voor nareis|of $relative kan komen}. {Het lukt waarschijnlijk niet, maar het voelt goed dat iemand meedenkt.|Zij luistert tenminste naar ons verhaal.}
""",
    "praktische_hulp": """
M| {$sponsor helpt ons met alles|$sponsor is er altijd als we iets nodig hebben|Zonder $sponsor hadden we het niet gered}: {afspraken bij de huisarts maken|de zorgverzekering regelen|het internet aansluiten|een fiets kopen voor $child}.
M| {Toen de wasmachine kapot was|Toen er water uit de verwarming kwam|Toen $child2 ziek werd in het weekend}, {belde ik $sponsor en zij kwam meteen|heeft $sponsor2 een monteur geregeld|wist $sponsor wat we moesten doen}.
M| {Ze hebben ons geholpen met verhuizen|Ze hebben gordijnen en lampen opgehangen|Samen hebben we de kasten in elkaar gezet}, {het huis voelt nu als ons huis|dat was heel veel werk}.
M| {$sponsor ging mee naar de bank|$sponsor ging mee naar de gemeente in $town|$sponsor heeft de inschrijving bij de bibliotheek geregeld}, {anders had ik dat nooit zelf gekund|ik had niet eens durven binnengaan}.
U| {Soms heeft $sponsor geen tijd|Als $sponsor op vakantie is|Als ik een vraag heb in het weekend}, {dan weet ik niet wie ik moet bellen|dan wachten we gewoon|dan vraag ik het aan de buurman}.
C| {Het is belangrijk dat|Het zou goed zijn als} {de sponsor in de eerste weken vaak komt|er een vaste dag is waarop de sponsor langskomt|er een lijst is met wie je kunt bellen als de sponsor er niet is}.
""",
    "taal_en_participatie": """
M| {Ik oefen Nederlands met $sponsor|Met $sponsor praat ik alleen Nederlands, ook als het moeilijk is|Elke week lezen we samen een kinderboek}, {nu durf ik in de winkel te praten|mijn Nederlands gaat veel sneller vooruit dan in de klas|soms lacht ze om mijn fouten, maar op een lieve manier}.
M| {Via $sponsor2 kon ik vrijwilligerswerk doen bij $employer|Ik werk nu twee dagen bij $employer|$sponsor heeft een stage voor me gevonden bij $employer}, {daar leer ik meer dan op school|het voelt goed om weer iets te doen|mijn collega's helpen me met de taal}.
M| {Ik heb geleerd hoe|Ik weet nu hoe} {je een afspraak maakt via de website|de bus en de trein werken|je met de pinpas betaalt|je een CV schrijft}. {Dat heeft $sponsor me geleerd.|In het begin wist ik dat allemaal niet.}
U| {In mijn eigen land was ik|Thuis was ik|Vroeger was ik} {elektricien|kapper|leraar|boer|naaister}, {maar hier mag ik dat werk niet doen zonder diploma|maar hier moet ik eerst de taal leren|en nu zit ik de hele dag thuis}.
U| {De taalschool is moeilijk voor mij|Ik ben al oud en de taal gaat langzaam|Ik kan niet goed lezen en schrijven, ook niet in het Arabisch}, {de kinderen leren veel sneller|ik vergeet de woorden weer|en dan schaam ik me}.
C| {Ik wil graag|Mijn wens is} {meer oefenen met Nederlanders|een opleiding volgen|zo snel mogelijk werk vinden}, {dan voel ik me nuttig|dan hoeven we geen uitkering meer}.
""",
    "sociale_contacten": """
M| {Via $sponsor hebben we veel mensen leren kennen|Door de sponsoren kennen we nu mensen in de straat|We zijn uitgenodigd op een verjaardag}, {we gaan samen wandelen|we drinken thee bij de buren|$child speelt met de kinderen van $neighbour}.
M| {Onze buurvrouw, $neighbour,|$neighbour van hiernaast} {brengt soms taart|heeft $child2 leren fietsen|nodigde ons uit voor de barbecue in de straat}. {Nu groeten de mensen ons.|Zo voel je je minder alleen.}
U| {Ik ben vaak alleen thuis|Overdag zie ik niemand|Mijn vrouw voelt zich eenzaam}, {de mensen hier zijn vriendelijk maar druk|iedereen werkt|we kennen bijna geen Arabisch sprekende mensen in $town}.
U| {Het contact met de buren is moeilijk|Met de buren hebben we bijna geen contact}, {we begrijpen elkaar niet|ze zeggen hallo en doen de deur dicht|ik weet niet of ik mag aanbellen}.
M| {Met het Suikerfeest|Op de verjaardag van $child|Met Kerst} {kwamen de sponsoren bij ons eten|hebben we samen gegeten met de buren}. {Mijn vrouw had de hele dag gekookt.|Het was als een familiefeest.}
C| {Meer activiteiten samen|Een plek waar je andere gezinnen ontmoet|Een koffieochtend voor vrouwen} {zou heel goed zijn|dat zouden we graag willen}.
""",
    "persoonlijke_relatie": """
M| {$sponsor is voor ons als familie|$sponsor is geen hulpverlener, ze is onze vriendin|Voor de kinderen is $sponsor een oma}. {Ze belt gewoon om te vragen hoe het gaat.|Ze kwam naar het ziekenhuis toen $child2 geboren werd.|Als ik verdrietig ben, merkt ze dat meteen.}
M| {Het verschil met $counsellor|Het verschil met de begeleiders van VluchtelingenWerk} is dat {$sponsor komt omdat ze het wil|$sponsor niet naar de klok kijkt|we met $sponsor ook gewoon lachen}. {Dat voelt anders.|Dat is van hart tot hart.}
M| {In het begin was het een beetje afstandelijk|De eerste keer wisten we niet wat we moesten zeggen}, {maar nu zijn we vrienden|maar nu eten we elke week samen|maar nu noemt $child haar tante}.
U| {We zien $sponsor bijna niet meer|Onze sponsor is gestopt|Na de zomer kwam $sponsor2 niet meer}, {niemand heeft ons verteld waarom|misschien hebben we iets verkeerd gedaan|dat vond ik jammer}.
U| {Het is meer een hulpverlener dan een vriend|We kennen de sponsoren eigenlijk niet goed|Ze komen alleen als er een probleem is}, {ze komen, helpen, en gaan weer weg|we weten niet veel van hun leven}.
""",
    "verwachtingen_invulling": """
U| {We dachten dat de sponsor elke dag zou komen|Ik had verwacht dat de sponsor ons zou helpen een huis te kopen|We verwachtten meer hulp}, {maar ze komt één keer per week|maar dat is niet zo|maar ze hebben ook hun eigen leven}.
U| {We hebben de eerste maanden geen sponsor gehad|Pas na vier maanden kregen we een sponsor|Toen we aankwamen was er nog niemand}, {juist toen hadden we de meeste hulp nodig|toen was alles het moeilijkst|toen zaten we alleen in het huis}.
M| {Het is meer dan we hadden verwacht|We wisten niet dat er zulke mensen bestaan|Ik had niet gedacht dat Nederlanders zo veel tijd zouden geven}. {$sponsor doet echt alles voor ons.|Ze komen zelfs als het regent.}
U| {Wat de sponsor wel en niet doet|Wat we van $sponsor mogen vragen} is {nog steeds niet duidelijk voor ons|voor ons een raadsel}. {Soms vragen we te veel, denk ik.|Ik durf niet alles te vragen.}
C| {Het is belangrijk dat je vooraf weet|Vertel de mensen vooraf} wat een sponsor {wel en niet kan doen|is en hoe vaak die komt}, {dan ben je niet teleurgesteld|dan weet je waar je aan toe bent}.
""",
    "taalbarriere": """
U| {In het begin spraken we alleen met handen en voeten|We konden niet met de sponsoren praten|Ik spreek geen Engels en zij geen Arabisch}, {we gebruikten Google Translate voor alles|$child vertaalde alles, ook moeilijke dingen|soms begrepen we elkaar helemaal verkeerd}.
U| {$child moet altijd vertalen|Onze dochter van twaalf is onze tolk}, {bij de dokter, bij de gemeente, overal|ook als het over volwassen dingen gaat|en dan mist ze school}. {Dat is niet goed voor haar.|Ik vind dat eigenlijk niet goed.}
M| {$sponsor2 spreekt een beetje Arabisch|Een van de sponsoren komt zelf uit Marokko|Er is een sponsor die Arabisch spreekt}, {dat maakt alles makkelijker|met die sponsor kan ik alles bespreken|dan voel ik me begrepen}.
M| {Met de vertaalapp gaat het steeds beter|We hebben een schrift met woorden gemaakt|$sponsor heeft plaatjes gemaakt voor de belangrijke woorden}, {en nu praten we al een beetje Nederlands|zo leren we allebei}.
C| {Een tolk bij de eerste gesprekken|Een sponsor die Arabisch spreekt|Een tolk bij belangrijke afspraken} {is echt nodig|zou veel problemen voorkomen}.
""",
    "informatievoorziening": """
U| {In $country wisten we niets van een sponsor|In het kamp heeft niemand ons over sponsoren verteld|Bij de voorlichting van het COA ging het alleen over Nederland in het algemeen}, {we dachten dat het iemand van de regering was|we wisten niet wat we moesten verwachten|pas hier hoorden we dat het vrijwilligers zijn}.
U| {Dat we in een pilot zitten|Dat dit een proef is|Wat het project precies is}, {wist ik niet|hoor ik nu voor het eerst|heeft niemand ons uitgelegd}.
M| {In de eerste week kregen we een boekje in het Arabisch|$sponsor gaf ons een map met informatie in het Arabisch|We kregen een lijst met belangrijke telefoonnummers}, {daar stond alles in|dat heeft veel geholpen|die map gebruiken we nog steeds}.
C| {Vertel de mensen in het kamp al wat een sponsor is|Geef informatie in de eigen taal|Leg in het begin uit wie wat doet}, {dan schrik je niet|dan kun je je voorbereiden}.
""",
    "stem_hervestigers": """
M| {Alles is goed|We zijn heel tevreden|We hebben geen klachten}, {echt|dank u wel|God zegene hen}. {Wij zijn dankbaar voor alles.|Wie zijn wij om te klagen?}
U| {Als ik eerlijk ben|Als u het echt wil weten|Ik wil niet ondankbaar klinken, maar}: {soms voelen we ons een project|soms beslissen anderen over ons|niemand vraagt wat wij eigenlijk nodig hebben}.
U| {Ik durf niet te zeggen dat iets niet goed gaat|Kritiek geven is moeilijk|Ik wil $sponsor niet kwetsen}, {want ze doen zo veel voor ons|in onze cultuur doe je dat niet|straks komt ze niet meer}.
C| {Het zou goed zijn als iemand anders dan de sponsor|Het zou fijn zijn als iemand van buiten} {af en toe vraagt hoe het gaat|ons vraagt wat beter kan}, {dan durf je het eerlijker te zeggen|dan kun je vrij praten}.
""",
    "taakverdeling": """
M| {Het is duidelijk voor ons|Wij weten het wel}: {$counsellor is voor de papieren en de gemeente, $sponsor is voor het leven|voor de officiële dingen bellen we $counsellor en voor de rest $sponsor}.
U| {Soms weten we niet wie we moeten bellen|Soms sturen ze ons van de een naar de ander}, {$counsellor zegt dat $sponsor het moet doen, en $sponsor zegt dat het voor $counsellor is|en dan gebeurt er niets}.
M| {We hebben een papier op de koelkast|Er hangt een lijst in de keuken} {met wie wat doet|met de namen en telefoonnummers van $sponsor en $counsellor}. {Zo weten we wie we moeten bellen.|Dat heeft $tl gemaakt.}
C| {Eén aanspreekpunt|Eén persoon die alles weet} {zou beter zijn|is voor ons het makkelijkst}, {want we raken in de war van al die mensen|want er komen zoveel verschillende mensen}.
""",
    "gelijkwaardigheid_grenzen": """
M| {We doen ook iets terug|Ik kook voor $sponsor als ze komt|$Spouse heeft de fiets van $sponsor gerepareerd}, {dan voelen we ons niet alleen ontvangers|dat hoort zo in onze cultuur|zo is het een vriendschap en geen hulp}.
U| {Ik wil niet altijd iets vragen|Soms voel ik me een last|Ik wil niet afhankelijk zijn}, {ik wil het zelf kunnen|thuis was ik ook iemand|ik schaam me als ik weer moet bellen}.
U| {$sponsor zei dat ze 's avonds niet gebeld wil worden|Ze kwam een keer onaangekondigd langs|We wisten niet of we haar mochten appen in het weekend}, {dat was even wennen|dat begrepen we eerst niet}.
C| {Het is goed om af te spreken|Je moet in het begin bespreken} {wanneer je elkaar belt|wat je wel en niet van elkaar vraagt}.
""",
    "inburgering_tijdsdruk": """
U| {De inburgering gaat te snel|We moesten meteen naar school terwijl we nog niet eens een huis hadden ingericht|We kregen een brief over het inburgeringsexamen toen we nog niet wisten waar de supermarkt was}, {we hadden eerst tijd nodig om te landen|ons hoofd was er nog niet bij|ik kon me niet concentreren}.
U| {De consulent zegt dat ik binnen drie jaar moet slagen|Er is steeds druk om te slagen|Als ik niet genoeg uren maak, krijgen we een boete}, {maar ik ben al vijftig|maar met vier kinderen lukt dat niet|maar ik slaap slecht door de zorgen}.
C| {Geef ons het eerste half jaar rust|Eerst landen, dan leren}: {dan gaat het leren daarna veel beter|dan kunnen we ons beter concentreren}.
""",
    "continuiteit_ondersteuning": """
M| {Ook als het project stopt|Als de begeleiding van VluchtelingenWerk klaar is}, {blijft $sponsor onze vriendin|zegt $sponsor dat we altijd mogen bellen|blijven we elkaar zien}. {Dat is een geruststelling.|Dat heeft ze beloofd.}
U| {Ik ben bang dat|Wat gebeurt er als} {de hulp stopt na een jaar|$sponsor verhuist|het project afgelopen is}? {Dan zijn we weer alleen.|Dan weet ik niet wie ik moet bellen.}
""",
    "emergent_woningkwaliteit": """
U| {Er zit schimmel op de muur in de slaapkamer|In de slaapkamer van de kinderen is alles zwart van de schimmel|De muren in de badkamer zijn nat en er groeit schimmel}, {en $child hoest de hele winter|en de kleren in de kast ruiken muf|en we slapen nu met z'n allen in de woonkamer}.
U| {We hebben de woningcorporatie al vier keer gebeld|We hebben $corp gemaild over het vocht}, {maar de woningcorporatie reageert niet|maar er komt niemand kijken|ze zeggen dat we beter moeten ventileren}. {Maar het raam staat altijd open.|In de winter is het dan ijskoud.}
U| {Er is een lekkage in het plafond|Bij regen komt er water door het dak|Onder het raam is het altijd vochtig}, {er staat een emmer in de gang|het behang laat los|het ruikt naar schimmel}. {Ik ben bang dat de kinderen ziek worden.|$doctor zegt dat het slecht is voor de longen van $child2.}
U| {$sponsor heeft foto's gemaakt van het vocht|$sponsor heeft een brief geschreven naar de woningcorporatie|$sponsor2 heeft een vochtmeter meegenomen}, {maar de woningcorporatie reageert niet|maar er gebeurt nog steeds niets|en nu wachten we op een monteur}.
U| {Ze zeggen dat we moeten ventileren en niet binnen de was moeten drogen|De woningcorporatie zegt dat het onze schuld is, omdat we koken zonder afzuigkap}, {maar de muur was al nat toen we kwamen|maar waar moet ik de was dan drogen?}. {Het vocht en de schimmel worden erger.|Het is een oud huis.}
""",
    "emergent_moestuin": """
M| {In de moestuin|Bij de volkstuin achter de kerk|In de gemeenschappelijke moestuin} {hebben we tomaten en munt gezaaid|werken we elke zaterdag samen met de buren|heb ik peterselie en aubergines geplant zoals thuis}. {Het voelt als thuis.|Mijn vader was boer, dus ik weet hoe het moet.}
M| {Sinds juni gaan we naar de moestuin|In de zomer waren we bijna elke dag in de moestuin|Het tuinieren is voor mij de beste tijd van de week}, {daar praat ik Nederlands met de buren|daar vergeet ik mijn zorgen|daar hebben we $neighbour leren kennen}.
M| {We hebben de eerste oogst gedeeld|Van de oogst hebben we samen gekookt|De tomaten uit de volkstuin waren zo lekker}, {met de buren en de sponsoren|iedereen nam iets mee naar het feest|de Nederlandse buren vonden onze kruiden heel bijzonder}.
M| {$Spouse gaat graag naar de moestuin|$Spouse is elke ochtend in de volkstuin te vinden} {en leert daar Nederlandse woorden zoals zaaien, wieden en oogst|en hoort daar van de oudere tuinders hoe je hier tomaten kweekt|en geeft de buren tips over peper en okra}.
""",
}

# More ways of saying the same things: a real corpus rarely repeats a sentence.
EXTRA = {
    "veiligheid_welkom": """
M| {Het mooiste moment was|Wat me het meest raakte was} {de eerste avond in ons eigen huis|toen de buurvrouw aanbelde met een bos bloemen|toen de burgemeester ons een hand gaf}. {Toen voelde ik: hier mogen we blijven.|Dat hadden we in jaren niet meegemaakt.}
M| {De kinderen slapen weer door|$child is niet meer bang als er een vliegtuig overkomt|$child2 tekent nu huizen met een zon erboven in plaats van tanks}. {Dat zegt genoeg.|Dat is voor ons het belangrijkste.}
U| {Wij zijn veilig, maar het nieuws uit $relative_city houdt ons wakker|Hier is het veilig, maar in mijn hoofd is het nog oorlog}. {Als de telefoon 's nachts gaat, schrik ik.|Rust komt niet in een paar maanden.}
M| {Op straat voel ik me vrij|Hier kan ik als vrouw gewoon alleen boodschappen doen|Niemand vraagt hier naar mijn papieren}, {dat is nieuw voor mij|dat was in $country anders}.
""",
    "bureaucratie": """
U| {De gemeente, de Belastingdienst, het UWV, DUO, de zorgverzekeraar|Iedere instantie heeft een eigen website en een eigen wachtwoord}: {ik raak het overzicht kwijt|het lijkt wel of ze elkaar niet kennen}. {En alles moet via internet.|En alles in moeilijk Nederlands.}
U| {We kregen een boete omdat een formulier te laat was|Er kwam een aanmaning terwijl we de rekening niet eens hadden gezien|We moesten geld terugbetalen van de toeslag}, {niemand had ons gewaarschuwd|dat begrepen we pas toen $counsellor het uitlegde}.
M| {Inmiddels kan ik zelf inloggen met DigiD|Ik heb nu zelf een afspraak gemaakt bij de gemeente}, {dat is een grote stap|daar ben ik trots op}. {In het begin deed $sponsor dat voor ons.|$sponsor heeft het me stap voor stap geleerd.}
U| {Voor elke aanvraag is weer een ander papier nodig|Ze vroegen om een geboorteakte die we niet hebben}, {want onze papieren zijn in de oorlog verloren gegaan|en uit $country krijg je die niet zomaar}.
""",
    "toegang_basisvoorzieningen": """
U| {Voor de tandarts staan we nog steeds op de wachtlijst|De huisarts neemt geen nieuwe patiënten aan|De fysiotherapeut is te duur}, {terwijl de pijn al maanden duurt|en de verzekering betaalt het niet helemaal}.
U| {$child kon pas na drie maanden naar school|Voor $child was er eerst geen plek op de schakelklas}, {hij zat de hele dag thuis|en hij verveelde zich}. {Nu gaat hij naar $school.|Gelukkig is dat nu geregeld.}
M| {De huisarts, $doctor, neemt de tijd voor ons|Bij $doctor is altijd een tolk via de telefoon}, {dat geeft vertrouwen|daar voel ik me serieus genomen}.
U| {$child2 is geboren op $child_dob en heeft astma|Mijn jongste heeft een hartprobleem}, {en we moeten steeds naar het ziekenhuis in een andere stad|en zonder auto is dat een hele reis}.
""",
    "financiele_onzekerheid": """
U| {Van de uitkering gaat al veel af voor de huur en de lening|Na de huur, het gas en de lening blijft er weinig over}, {en dan moeten we nog eten kopen voor zes mensen|en de kinderen willen ook naar de sportclub}.
M| {Via de Voedselbank en de kledingbank in $town|Via de kerk in $place} {krijgen we nu hulp|komen we de maand door}. {Dat had $sponsor voor ons uitgezocht.|Daar schaam ik me niet meer voor.}
""",
    "familie_buitenland": """
U| {Mijn ouders zijn oud en ziek|Mijn broer is in de gevangenis geweest|Mijn zus woont met haar kinderen in een tent}, {en ik kan ze niet helpen|en ik stuur geld als ik kan}. {Dat zit altijd in mijn hoofd.|Daardoor kan ik me moeilijk concentreren op de taalles.}
U| {Elke keer als ik bel|Als ik 's avonds met $relative bel}, {vraagt $relative wanneer hij mag komen|huilt mijn moeder}. {Ik weet niet wat ik moet zeggen.|Wat moet ik antwoorden?}
""",
    "praktische_hulp": """
M| {$sponsor heeft ons leren fietsen|Met $sponsor hebben we de weg naar de markt geoefend|$sponsor heeft ons de bus en de trein uitgelegd}, {nu kan ik zelf naar $town|nu brengt $spouse de kinderen zelf naar school}.
M| {Toen we verhuisden naar de $street|Bij de verhuizing naar het nieuwe huis} {kwamen er vijf mensen helpen|heeft $sponsor2 een busje geregeld}. {Binnen een dag stond alles.|Dat vergeten we nooit.}
M| {Als er een brief komt die ik niet snap|Als ik bij de dokter moet bellen}, {stuur ik een foto naar $sponsor|bel ik $sponsor op haar nummer}, {en dan legt ze het uit|en binnen een uur heb ik antwoord}.
M| {Ons adres is nu $street, $postcode $town|We wonen sinds kort op $street, $postcode $town}, {en $sponsor heeft de adreswijziging overal doorgegeven|en $sponsor2 heeft de verhuizing geregeld}. {Dat waren tien formulieren.|Zelf had ik dat nooit gekund.}
U| {De hulp was vooral in het begin|De eerste maanden kwamen ze veel}, {nu komen ze minder|nu moeten we meer zelf}, {dat is goed, maar soms ook moeilijk|en dat voelt soms alsof we alleen zijn}.
""",
    "taal_en_participatie": """
M| {Op de taalschool leer ik de grammatica|In de klas leer ik de regels}, {maar met $sponsor leer ik echt praten|maar bij $employer leer ik de woorden die je echt gebruikt}.
M| {Mijn zoon $child spreekt al beter Nederlands dan ik|De kinderen praten thuis al Nederlands met elkaar}, {hij wil later dokter worden|ze hebben al Nederlandse vriendjes}.
U| {Ik wil werken, maar zonder taal lukt het niet|Werk vinden is heel moeilijk}, {ze vragen altijd om ervaring in Nederland|mijn diploma uit $country telt hier niet}.
M| {Ik heb een cursus gevolgd bij de bibliotheek|Ik doe vrijwilligerswerk in het buurthuis|Ik help in de keuken van het buurthuis}, {zo leer ik mensen kennen|daar ben ik nuttig}.
""",
    "sociale_contacten": """
M| {In de moskee in $town|Bij de sportclub van $child|Op het schoolplein} {hebben we mensen leren kennen|praten we met andere ouders}, {ook Nederlanders|ook mensen uit Marokko en Turkije}.
U| {De mensen zijn aardig, maar vriendschap is iets anders|Hallo zeggen is makkelijk, maar verder komt het niet}. {In $country zaten we elke avond bij de buren.|Hier is iedereen binnen.}
M| {Onze buren hebben ons uitgenodigd voor Koningsdag|Met de buren hebben we samen de straat versierd|De buurvrouw past soms op de kinderen}. {Nu voelen we ons deel van de straat.|Dat was een heel mooie dag.}
""",
    "persoonlijke_relatie": """
M| {Als $sponsor een week niet komt, missen we haar|De kinderen vragen elke dag wanneer $sponsor weer komt}. {Ze hoort bij de familie.|Zo gaat dat met familie.}
M| {Met $sponsor kan ik ook over mijn verdriet praten|$sponsor luistert als ik over de oorlog vertel}, {dat kan ik niet met de consulent|zonder haar te haasten}.
M| {In $sponsor's tuin hebben we de verjaardag van $child gevierd|Bij $sponsor's familie waren we met Kerst uitgenodigd|$sponsor's kleinkinderen spelen nu met onze kinderen}. {Dat voelde als familie.|Zo leer je elkaar echt kennen.}
U| {Het contact is vooral met $spouse, niet met mij|Ik spreek geen Engels, dus de sponsor praat vooral met de kinderen}, {ik sta erbuiten|dat vind ik jammer}.
""",
    "verwachtingen_invulling": """
U| {In $country vertelden ze dat er iemand zou zijn die alles regelt|We dachten dat we meteen zouden kunnen werken}, {maar het is anders|maar dat klopt niet}. {Dat was een teleurstelling.|Daar moesten we aan wennen.}
M| {We verwachtten niets en kregen veel|Ik wist niet wat een sponsor was, maar nu weet ik het}: {iemand die er gewoon is|een vriendin die de weg weet}.
""",
    "taalbarriere": """
U| {Bij de gemeente spreken ze snel en met moeilijke woorden|Aan de telefoon begrijp ik bijna niets}, {dus vraag ik $sponsor om te bellen|dus zeg ik maar dat ik het begrijp}.
M| {$sponsor praat langzaam en met eenvoudige woorden|$sponsor schrijft de moeilijke woorden op een briefje}, {zo begrijp ik het wel|en die leer ik dan thuis}.
""",
    "informatievoorziening": """
U| {Bij de voorlichting in $country ging het over fietsen en het weer|In de cursus over Nederland hoorden we over tulpen en kaas}, {maar niet over de sponsor|maar niets over wat ons echt te wachten stond}.
M| {$tl kwam in de eerste week uitleggen hoe het werkt|In de eerste week was er een gesprek met een tolk}, {dat heeft veel onduidelijkheid weggenomen|toen begrepen we het beter}.
""",
    "stem_hervestigers": """
U| {Eigenlijk willen we liever in een grote stad wonen|Eigenlijk voelen we ons hier niet op onze plek}, {maar dat durf ik niet te zeggen|maar wie ben ik om dat te vragen}. {Ze hebben al zoveel gedaan.|Dan lijken we ondankbaar.}
M| {Dit is de eerste keer dat iemand ons vraagt wat wij vinden|Fijn dat u dit vraagt}. {Meestal beslissen anderen voor ons.|Dat waarderen we.}
""",
    "taakverdeling": """
U| {In het begin kwamen er zoveel mensen|Eerst begrepen we niet wie wie was}: {de sponsor, de maatschappelijk werker, de consulent, de tolk|iedereen stelde dezelfde vragen}. {Nu is het beter.|Dat was verwarrend.}
""",
}
for _theme, _lines in EXTRA.items():
    RAW[_theme] = RAW[_theme] + _lines

BANK = parse_bank("hv", RAW)
