"""Team-leader meeting notes (minute style) and municipal staff (first person). Invented text."""
from __future__ import annotations

from evaltoolkit.demo.text import parse_bank

TEAMLEIDER = {
    "werkdruk": """
M| {$tl merkt dat de sponsoren veel praktische taken overnemen|$tl vertelt dat de maatschappelijk begeleiders in $site merkbaar ontlast worden}: {de post, de fietsles en de eerste boodschappen doen de sponsoren nu|$counsellor heeft daardoor meer tijd voor de financiële zaken}.
U| {$tl geeft aan dat de acht uur per week voor de pilot bij lange na niet genoeg zijn|$tl zit naar eigen zeggen structureel boven de uren|Voor $tl is de werkdruk in $site erg hoog}: {als nieuwe gemeente moest alles vanaf nul worden opgebouwd|werving, matching en begeleiding komen allemaal op één persoon neer|er is geen collega die kan invallen}.
U| {In $site kost de begeleiding van de sponsoren zelf veel tijd|Sponsoren bellen $tl ook 's avonds met vragen}, {waardoor de winst in uren voor VluchtelingenWerk kleiner is dan gedacht|wat de ontlasting deels tenietdoet}.
M| {$tl ziet dat de werkdruk na de eerste maanden afneemt|Volgens $tl is het nu rustiger}, {de sponsoren zijn zelfstandiger geworden|de taakverdeling is helder}.
""",
    "werving_vrijwilligers": """
U| {De werving van sponsoren verloopt moeizaam|Er melden zich te weinig nieuwe sponsoren aan|In $site zijn sinds de vorige keer twee sponsoren gestopt}. {Redenen die genoemd worden: te weinig tijd, lang wachten op een koppeling en ziekte in de familie.|De informatieavond in de bibliotheek trok maar vier mensen.}
M| {$tl heeft via de kerk en de moskee nieuwe sponsoren gevonden|Een oproep in het huis-aan-huisblad leverde zes aanmeldingen op|Via de sportclub in $place hebben zich drie sponsoren gemeld}. {Dat werkt beter dan social media.|Persoonlijk contact blijkt het beste kanaal.}
U| {De uitval onder sponsoren is groot|Ongeveer de helft van de sponsoren is inmiddels gestopt|De sponsorgroep in $site is geslonken}. {$tl vermoedt dat de lange wachttijd tussen training en koppeling een rol speelt.|Het aantal van tachtig sponsoren wordt bij lange na niet gehaald.}
C| {Afgesproken wordt om wachtende sponsoren maandelijks een update te sturen|Voorstel: sponsoren pas trainen als er een gezin in zicht is|$pl onderzoekt of er een vrijwilligersvergoeding mogelijk is}, {zodat minder mensen afhaken|om uitval te voorkomen}.
""",
    "taakverdeling": """
U| {Er is opnieuw verwarring over wie wat doet|Sponsoren en maatschappelijk begeleiders doen soms dubbel werk|Een sponsor in $site heeft de toeslagaanvraag ingevuld terwijl $counsellor dat al had gedaan}. {Dat leidde tot een terugvordering.|Dat zorgde voor frustratie bij beide kanten.}
M| {$tl heeft een checklist gemaakt met taken voor sponsoren en voor de maatschappelijk begeleider|De checklist met de taakverdeling wordt nu in alle drie de gemeenten gebruikt|De takenlijst van $tl wordt breed gedeeld}. {Sponsoren zijn er blij mee.|Ook de gemeente wil hem gebruiken.}
M| {In $site worden taken verdeeld naar vaardigheden van de sponsoren|De sponsorgroep in $site heeft de taken verdeeld}: {de een doet de administratie, de ander de taallessen, een derde het vervoer|$sponsor doet de post, $sponsor2 de fietslessen}.
""",
    "training_hulpmiddelen": """
U| {Er is nog steeds geen goed trainingsmateriaal|Het trainingsmateriaal is te algemeen|De basistraining sluit niet aan bij de vragen uit de praktijk}: {sponsoren vragen om informatie over toeslagen, inburgering en de zorgverzekering|er is niets over grenzen stellen}.
M| {De training in $site is goed ontvangen|Bij de basistraining waren twaalf sponsoren aanwezig|Een oud-hervestiger vertelde tijdens de training zijn verhaal}. {Dat maakte veel indruk.|Sponsoren gaven een 8,5 gemiddeld.}
M| {Een sponsor in $site heeft een informatieboekje in het Arabisch gemaakt|Sponsoren hebben de handleidingen van huishoudelijke apparaten laten vertalen}. {Afgesproken dat dit gedeeld wordt met de andere gemeenten.|$pl zet het op de gedeelde schijf.}
""",
    "centrale_ondersteuning": """
U| {De teamleiders missen duidelijke sturing vanuit de landelijke projectleiding|Er is weer een wisseling van de landelijke projectleider geweest|Het is onduidelijk wie landelijk het aanspreekpunt is}. {Besluiten blijven liggen.|Vragen over budget blijven onbeantwoord.}
M| {$pl heeft toegezegd dat er vaste contactmomenten komen|De landelijke projectleiding heeft een budget vrijgemaakt voor tolken|$pl is nu elke maand bij het overleg}. {Dat wordt gewaardeerd.|De teamleiders zijn daar blij mee.}
""",
    "lokale_flexibiliteit": """
C| {$tl benadrukt dat elke gemeente anders is|De teamleiders willen ruimte om het model lokaal in te vullen|In $site werkt een pool van sponsoren beter dan een vaste koppeling}, {een blauwdruk van bovenaf werkt niet|de lokale context bepaalt wat werkt}.
M| {In $site is besloten sponsoren al vóór aankomst te koppelen|In $site helpen sponsoren mee met het inrichten van de woning}; {dat bevalt goed|die vrijheid werkt goed uit}.
""",
    "kennisuitwisseling": """
M| {Het maandelijkse overleg wordt als zeer waardevol ervaren|De teamleiders noemen dit overleg hun belangrijkste steun|Het overleg helpt om van elkaar te leren}: {problemen worden sneller opgelost|je staat er niet alleen voor}.
C| {Voorstel om ook sponsoren uit de drie gemeenten bij elkaar te brengen|Er is behoefte aan een gezamenlijke kennisbank|$pl stelt een uitwisselingsbijeenkomst met gemeenten voor}. {Actie: $pl.|Datum volgt.}
""",
    "signalering": """
M| {Via de sponsor kwam aan het licht dat de familie $family|Sponsor $sponsor signaleerde dat de familie $family} {al weken geen leefgeld had ontvangen|een betalingsachterstand had bij de energieleverancier|een zoon heeft die niet naar school gaat}. {$counsellor is direct in actie gekomen.|Dat was anders pas veel later opgevallen.}
M| {Sponsoren fungeren als oren en ogen|Sponsoren zien dingen die professionals missen}: {psychische klachten, geldzorgen, problemen op school|zij komen achter de voordeur}.
""",
    "persoonlijke_relatie": """
M| {De band tussen de familie $family en $sponsor is hecht|De families vertellen dat de sponsoren als familie voelen|Het persoonlijke contact is de grote meerwaarde}; {het is van hart tot hart|dat kan een professional niet bieden}.
U| {De relatie tussen de familie $family2 en de sponsor is bekoeld|Er zijn spanningen tussen een sponsor en een familie in $site}; {$tl gaat een gesprek organiseren|de sponsor voelt zich niet gewaardeerd}.
""",
    "gelijkwaardigheid_grenzen": """
U| {Sommige sponsoren doen te veel|Een sponsor in $site heeft de familie geld geleend|Een sponsor is 's nachts met een kind naar de huisartsenpost geweest}; {grenzen stellen blijkt lastig|dat kan afhankelijkheid in de hand werken}.
C| {Afgesproken om grenzen stellen op de agenda te zetten van de volgende training|Sponsoren krijgen het advies om bereikbaarheid af te spreken}.
""",
    "informatievoorziening": """
U| {Het blijkt dat de families in $country vrijwel niets over het sponsorprogramma hebben gehoord|De familie $family wist bij aankomst niet wat een sponsor is|De informatie van het COA over de sponsoren bereikt de families niet}. {Dat maakt de start moeizaam.|$pl neemt contact op met het COA.}
""",
    "stem_hervestigers": """
U| {Het is lastig om eerlijke feedback van de families te krijgen|De families zeggen steeds dat alles goed gaat|Kritiek komt vrijwel nooit direct}. {Via de tolk hoorde $tl later dat de familie $family wel degelijk ontevreden was.|Dat vraagt om een andere manier van vragen.}
C| {Voorstel om een onafhankelijke tolk te laten vragen hoe het gaat|De onderzoeker stelt voor om hervestigers zonder sponsor erbij te interviewen}.
""",
    "opschaling_duurzaamheid": """
U| {Opschaling is alleen haalbaar als er structurele financiering komt|Met acht uur per week is dit model niet op te schalen|De vraag is of er genoeg vrijwilligers zijn voor een landelijke uitrol}.
C| {Voor de toekomst is nodig: vaste uren voor de teamleider, een basistraining en een handboek|Het advies aan de stuurgroep is om eerst in de huidige gemeenten te verduurzamen}.
""",
    "emergent_woningkwaliteit": """
U| {In $site zijn er bij twee families problemen met vocht en schimmel|De woning van de familie $family aan de $street heeft ernstige schimmel in de slaapkamers|Er is een lekkage bij de familie $family2}; {de woningcorporatie reageert niet|$corp adviseert alleen om beter te ventileren}. {$tl neemt contact op met de gemeente.|Sponsoren voelen zich machteloos.}
U| {Het vocht- en schimmelprobleem speelt in alle drie de gemeenten|Opnieuw meldingen van schimmel en vocht in de woningen}: {de woningcorporatie reageert niet of traag|kinderen hebben luchtwegklachten}. {Afgesproken dit te agenderen bij de stuurgroep.|$pl brengt het in bij de gemeenten.}
""",
    "emergent_moestuin": """
M| {In Zevenaar is in juni een gemeenschappelijke moestuin gestart|De moestuin in $place loopt goed}: {hervestigers en buurtbewoners zaaien en oogsten samen|de familie $family is er elke week|de eerste tomaten zijn geoogst}. {$tl ziet dat er spontaan contacten ontstaan.|Het tuinieren blijkt een laagdrempelige ontmoetingsplek.}
M| {Het oogstfeest in de moestuin trok veel buurtbewoners|In de volkstuin helpen buren de families met zaaien en tuinieren|Ook andere gemeenten willen weten hoe de moestuin in Zevenaar is opgezet}. {$tl deelt een kort verslag.|Actie: $tl stuurt de contactgegevens van de tuinvereniging rond.}
""",
}

GEMEENTE = {
    "taakstelling_efficientie": """
R| {Voor ons was het ook een manier om de taakstelling te halen|Eerlijk is eerlijk: hervestiging helpt ons om de huisvestingstaakstelling te halen|Met hervestigers weet je ruim van tevoren wie er komt}, {en dat maakt de planning van woningen veel makkelijker|dat is voor de afdeling wonen een groot voordeel}.
R| {Hervestigers komen via het COA met een duidelijk dossier|Je kunt de woning rustig voorbereiden}, {dat is efficiënter dan een plotselinge koppeling vanuit een azc|zo kunnen we beter plannen}.
""",
    "humanitaire_motivatie": """
R| {Het college vond het een morele plicht|De wethouder zei meteen: als we iets kunnen doen, doen we het|We willen als gemeente ons steentje bijdragen}, {juist voor de meest kwetsbare vluchtelingen|mensen die jaren in een kamp hebben gezeten verdienen een goede start}.
""",
    "openheid_pilot": """
M| {We stonden er vanaf het begin open voor|We wilden graag experimenteren met een nieuwe aanpak|Community Sponsorship paste bij onze visie op inburgering}, {ook al was het voor ons de eerste keer hervestiging|het college gaf er snel groen licht voor}.
U| {In het begin waren er twijfels binnen de organisatie|Niet iedereen was enthousiast}; {men vroeg zich af of vrijwilligers dit wel aankunnen|er waren zorgen over privacy en verantwoordelijkheid}.
""",
    "werkdruk": """
M| {Onze inburgeringsconsulenten worden echt ontlast|Het scheelt onze consulenten veel tijd|De consulenten merken het verschil}: {de sponsoren doen veel van het praktische werk|er komen minder losse vragen binnen}.
U| {Tegelijk kost het ook tijd|Het afstemmen met sponsoren kost ons ook uren}, {vooral in het begin|dat moet je niet onderschatten}.
""",
    "persoonlijke_relatie": """
M| {Wat sponsoren bieden is persoonlijke aandacht|Een sponsor kan iets wat wij niet kunnen}: {er gewoon zijn, een kop koffie drinken, meegaan naar een verjaardag|de band is persoonlijk, niet professioneel}.
""",
    "signalering": """
M| {Sponsoren zijn onze oren en ogen|Sponsoren signaleren problemen veel eerder}: {$sponsor belde ons toen de familie $family een huurachterstand dreigde te krijgen|zij zien of een kind niet naar school gaat|zij merken het als iemand somber wordt}.
""",
    "taal_en_participatie": """
M| {De taalvaardigheid gaat sneller vooruit|Je ziet dat de taal sneller gaat}, {omdat ze elke week met Nederlanders praten|doordat de sponsoren oefenen in de praktijk}. {Een van de vaders werkt nu bij $employer.|Dat zien we terug in de voortgangsgesprekken.}
""",
    "continuiteit_ondersteuning": """
M| {Het mooie is dat de steun doorloopt|Na de maatschappelijke begeleiding valt er vaak een gat}, {de sponsor blijft, ook als wij afschalen|dat gat vullen de sponsoren}.
""",
    "draagvlak": """
M| {Het project heeft het draagvlak in de gemeente vergroot|Je ziet dat buurtbewoners betrokken raken|Zelfs een raadslid dat kritisch was, is komen kijken}. {Dat had ik niet verwacht.|Dat is winst voor de hele gemeenschap.}
""",
    "inburgering_tijdsdruk": """
U| {Hervestigers hebben meer tijd nodig dan de Wet inburgering toestaat|De termijnen van de inburgering zijn voor deze groep te kort|Veel hervestigers zijn getraumatiseerd en kunnen zich moeilijk concentreren}. {Wij moeten ons aan de wet houden, maar dat wringt.|We zouden graag maatwerk bieden.}
C| {Ik zou willen dat hervestigers eerst een half jaar kunnen landen|De wet zou ruimte moeten bieden voor een langere startperiode}.
""",
    "samenwerking": """
M| {De samenwerking met VluchtelingenWerk is intensiever geworden|Binnen de gemeente werken wonen, inburgering en participatie nu beter samen|We hebben nieuwe contacten met de woningcorporatie en de scholen}. {Daar plukken we ook buiten dit project de vruchten van.|Dat is een onverwachte opbrengst.}
U| {Het is niet altijd duidelijk wie het aanspreekpunt is|Soms weten we niet wat de sponsor al heeft gedaan}. {De rollen lopen door elkaar.|Daar moeten betere afspraken over komen.}
""",
    "kennisuitwisseling": """
U| {Er is weinig uitwisseling tussen de gemeenten|We weten eigenlijk niet hoe de andere gemeenten het doen|Ik heb nooit iemand uit de andere pilotgemeenten gesproken}. {Dat is een gemiste kans.|Dat zou ik graag anders zien.}
""",
    "taakverdeling": """
U| {Er is verwarring over rollen|Wie doet wat: dat is niet altijd helder}: {een sponsor belde ons over de uitkering, terwijl dat via de consulent loopt|de familie weet soms niet of ze bij ons of bij de sponsor moet zijn}.
""",
    "opschaling_duurzaamheid": """
U| {Ik twijfel of dit op te schalen is|Voor opschaling zie ik risico's}: {je bent afhankelijk van vrijwilligers, en die haken af|de werkdruk bij VluchtelingenWerk is nu al hoog|het vraagt veel coördinatie}.
C| {Als het structureel wordt, moet er geld bij voor coördinatie|Opschaling kan alleen met een vaste coördinator per gemeente}.
""",
    "emergent_woningkwaliteit": """
U| {We krijgen signalen over vocht en schimmel in de woningen|Bij een paar woningen is er schimmel en lekkage}; {de woningcorporatie reageert niet snel genoeg|we zijn met $corp in gesprek, want het advies om te ventileren is niet genoeg}.
""",
    "emergent_moestuin": """
M| {De moestuin die in juni is begonnen, is een succes|In de gemeenschappelijke moestuin ontmoeten hervestigers en buurtbewoners elkaar|Wij ondersteunen de moestuin met een klein budget voor zaden en gereedschap}: {er wordt gezaaid, getuinierd en samen geoogst|de tomaten gingen mee naar het buurtfeest}.
""",
}

# More paraphrases, so that twelve months of notes do not repeat themselves.
TEAMLEIDER_EXTRA = {
    "werkdruk": """
U| {$tl vertelt dat ze in de weken rond een aankomst bijna fulltime met de pilot bezig is|Rond de aankomst van de familie $family2 kwam alles tegelijk}: {woning, inschrijving, sponsoren briefen, tolken regelen|de maatschappelijk begeleiders hadden zelf ook een volle caseload}. {Dat is niet vol te houden.|$pl zegt toe te kijken naar extra uren.}
M| {De maatschappelijk begeleiders in $site geven aan dat ze hun gesprekken nu kunnen richten op de lastige dossiers|$counsellor merkt dat de familie $family minder vaak belt met losse vragen}, {omdat sponsoren de dagelijkse vragen opvangen|de sponsoren vangen veel op}.
U| {Het blijkt dat sponsoren ook begeleiding nodig hebben|Het coachen van sponsoren is een taak op zich}: {vragen beantwoorden, gesprekken voeren na een conflict, nieuwe sponsoren inwerken|dat was bij de start onderschat}.
""",
    "werving_vrijwilligers": """
R| {Een gestopte sponsor noemde als reden dat er maanden geen gezin kwam|Twee sponsoren zijn gestopt wegens verhuizing en ziekte|Een sponsor stopte omdat het contact met de familie niet klikte}. {$tl heeft een exitgesprek gevoerd.|Dat is vastgelegd in het overzicht van de uitval.}
M| {Er hebben zich via de informatieavond in $site vijf nieuwe sponsoren gemeld|Via een artikel in de lokale krant kwamen zeven aanmeldingen binnen|Oud-sponsoren brengen nieuwe mensen mee}. {Ze worden in de volgende training meegenomen.|$tl plant kennismakingsgesprekken.}
U| {Vooral jongere sponsoren en werkenden haken af|De sponsoren die nog actief zijn, zijn vooral gepensioneerden}; {dat maakt de groep kwetsbaar|diversiteit in de groep ontbreekt}.
""",
    "taakverdeling": """
U| {Een sponsor belde de huisarts over de medicatie van $refugee|Een sponsor heeft namens de familie $family een huurcontract willen tekenen}, {wat eigenlijk niet de bedoeling is|terwijl dat bij de maatschappelijk begeleider hoort}. {Afgesproken om dit in de sponsorgroep te bespreken.|$tl neemt dit op in de checklist.}
M| {$tl's checklist wordt nu ook door de maatschappelijk begeleiders gebruikt|Met $tl's takenlijst is duidelijk wie de post doet en wie de toeslagen}. {Dat scheelt dubbel werk.|Dat wordt breed gewaardeerd.}
M| {In $site is een driegesprek ingevoerd tussen sponsor, maatschappelijk begeleider en familie|Bij de start van elke koppeling wordt nu de taakverdeling doorgenomen}, {met een tolk erbij|zodat iedereen weet wie wat doet}.
""",
    "training_hulpmiddelen": """
U| {Sponsoren vragen om een overzicht van de sociale kaart per gemeente|Er is behoefte aan een korte uitleg over de inburgeringswet|Sponsoren willen meer weten over omgaan met trauma}. {Dat materiaal is er nu niet.|$pl gaat na wat er landelijk beschikbaar is.}
M| {De terugkomdag voor sponsoren in $site werd goed bezocht|Sponsoren waarderen de casusbesprekingen in de training}; {er is veel herkenning|sponsoren nemen elkaars tips over}.
""",
    "centrale_ondersteuning": """
U| {De communicatie vanuit de landelijke organisatie komt laat|Het is onduidelijk welk budget er is voor activiteiten|Beloofde materialen zijn er nog steeds niet}. {De teamleiders voelen zich soms op zichzelf aangewezen.|Dat frustreert.}
M| {$pl heeft de vragen over de vrijwilligersvergoeding uitgezocht|De landelijke organisatie heeft een communicatiemedewerker vrijgemaakt}; {dat scheelt de teamleiders werk|de teamleiders zijn tevreden}.
""",
    "lokale_flexibiliteit": """
C| {De teamleiders pleiten ervoor dat een landelijk model ruimte laat voor lokale keuzes|Wat in een grote stad werkt, werkt niet vanzelf in een kleine gemeente}: {bijvoorbeeld over wanneer je koppelt en of sponsoren de woning inrichten|de sociale kaart verschilt per gemeente}.
""",
    "kennisuitwisseling": """
M| {Tips van deze maand: een gezamenlijke appgroep per sponsorgroep, een vaste spreekuurtijd voor sponsoren|$tl deelt het stappenplan voor de eerste week na aankomst|De teamleiders wisselen wervingsteksten uit}. {Wordt rondgestuurd.|Iedereen kan het gebruiken.}
""",
    "signalering": """
M| {Een sponsor merkte dat $child niet meer naar school ging|Een sponsor zag dat de familie $family2 geen winterjassen had|Via een sponsor werd duidelijk dat $refugee nachtmerries heeft}; {$counsellor is ingeschakeld|er is hulp geregeld via de huisarts}. {Zonder sponsor was dit niet zo snel opgemerkt.|Een goed voorbeeld van de signaalfunctie.}
U| {Niet elke sponsor weet wat hij met een signaal moet doen|Signalen komen soms pas laat bij de professionals}; {er is behoefte aan een vaste route|afgesproken dat sponsoren signalen direct bij $tl melden}.
""",
    "persoonlijke_relatie": """
M| {De families noemen de sponsoren vrienden of familie|Een familie vierde het Suikerfeest met de sponsoren|Een sponsor is meegegaan naar de bevalling}; {de band is sterk|het persoonlijke contact maakt het verschil}.
""",
    "stem_hervestigers": """
U| {Families durven niet te zeggen dat ze liever een andere sponsor hebben|Een familie wilde eigenlijk verhuizen, maar zei dat alleen tegen de tolk}; {uit beleefdheid en dankbaarheid|uit angst om ondankbaar te lijken}.
""",
    "opschaling_duurzaamheid": """
U| {De teamleiders maken zich zorgen over wat er na januari gebeurt|Het is onduidelijk of de pilot een vervolg krijgt}; {sponsoren vragen of ze door kunnen|gemeenten willen duidelijkheid}.
M| {Zaanstad wil het sponsorschap opnemen in het reguliere aanbod|Eén gemeente heeft al geld gereserveerd voor een vervolg}; {dat is een belangrijk signaal|dat biedt perspectief}.
""",
    "informatievoorziening": """
M| {Het COA heeft toegezegd de sponsorfolder mee te nemen in de culturele oriëntatie|Er is een korte film in het Arabisch gemaakt over wat een sponsor is}. {Dat moet de start makkelijker maken.|De teamleiders zijn er blij mee.}
""",
}
for _theme, _lines in TEAMLEIDER_EXTRA.items():
    TEAMLEIDER[_theme] = TEAMLEIDER[_theme] + _lines

GEMEENTE_EXTRA = {
    "taakstelling_efficientie": """
R| {Voor de wethouder telde ook mee dat hervestiging goed te plannen is|Vanuit de afdeling wonen was er een duidelijke wens om de taakstelling op tijd te halen}; {met een vast aantal gezinnen per jaar kun je woningen reserveren|dan ben je niet afhankelijk van plotselinge koppelingen}.
""",
    "humanitaire_motivatie": """
R| {Er was brede steun in de raad|Ook de oppositie stemde in}, {omdat het om mensen gaat die jaren in een kamp hebben gezeten|omdat we als gemeente onze verantwoordelijkheid willen nemen}. {Dat vond ik mooi om te zien.|Dat gaf ons ook rugdekking.}
""",
    "openheid_pilot": """
M| {We zijn een gemeente die graag iets nieuws probeert|Bij ons kregen de ambtenaren de ruimte om te experimenteren}; {je leert het meest door het gewoon te doen|we hebben de werkwijze onderweg aangepast}.
""",
    "werkdruk": """
M| {Een consulent zei tegen mij: ik hoef nu niet meer uit te leggen hoe de wasmachine werkt|Onze consulenten kunnen zich nu richten op het inburgeringstraject zelf}. {Dat doet de sponsor.|Dat is precies de bedoeling.}
U| {In de startfase waren er veel overleggen|Het kostte ons meer tijd dan gedacht om alles af te stemmen}, {met VluchtelingenWerk, de woningcorporatie en de sponsoren|en dat kwam bovenop het gewone werk}.
""",
    "signalering": """
M| {Een sponsor zag dat $refugee somber werd en belde ons|Via een sponsor hoorden we dat de kinderen niet goed sliepen door het vocht}; {we konden snel schakelen|zonder sponsor hadden we dat later gehoord}.
""",
    "taal_en_participatie": """
M| {Hervestigers met een sponsor komen sneller in contact met werkgevers|We zien dat hervestigers met een sponsor vaker vrijwilligerswerk doen}, {via het netwerk van de sponsor|omdat de sponsor de weg weet}.
""",
    "continuiteit_ondersteuning": """
U| {De vraag is wat er gebeurt als sponsoren stoppen|Niet elke familie houdt contact met de sponsor}; {dan valt het vangnet weg|daar moeten we alert op zijn}.
""",
    "draagvlak": """
M| {De sponsoren zijn ambassadeurs in de wijk|Via de sponsoren horen buurtbewoners een ander verhaal over vluchtelingen}; {dat helpt bij de beeldvorming|de sfeer in de wijk is positief}.
""",
    "inburgering_tijdsdruk": """
U| {Een man van zestig moet hetzelfde traject doen als een jongere|Analfabete deelnemers halen de termijnen bijna nooit}; {dat levert stress op|daar past de wet slecht bij}.
""",
    "samenwerking": """
M| {We hebben nu een vast overleg met VluchtelingenWerk en de woningcorporatie|De lijnen met het onderwijs zijn korter geworden}; {problemen worden sneller opgepakt|we kennen elkaar nu}.
""",
    "kennisuitwisseling": """
C| {Ik zou graag een bijeenkomst met de andere pilotgemeenten hebben|Een landelijk netwerk van gemeenten met sponsorschap zou helpen}, {om te leren wat wel en niet werkt|zodat niet iedereen het wiel opnieuw uitvindt}.
""",
    "opschaling_duurzaamheid": """
M| {Als het goed geborgd wordt, zie ik zeker kansen|Voor een gemeente als de onze is het een goed model}, {mits er structureel geld voor komt|mits VluchtelingenWerk de coördinatie houdt}.
""",
}
for _theme, _lines in GEMEENTE_EXTRA.items():
    GEMEENTE[_theme] = GEMEENTE[_theme] + _lines

# What the researcher feeds back in the meeting (interaction research: findings shared at once).
ONDERZOEK = {
    "verwachtingen_invulling": """
U| {De onderzoeker deelt de eerste bevindingen uit de interviews: hervestigers verwachtten vooraf meer hulp van de sponsor|Uit de focusgroepen blijkt dat gezinnen die laat gekoppeld werden, de eerste maanden als eenzaam en onzeker ervaren}. {Dat roept een discussie op over het moment van koppelen.|De teamleiders herkennen dit.}
""",
    "taakverdeling": """
U| {De onderzoeker laat zien dat hervestigers de taakverdeling helder vinden, terwijl sponsoren juist onduidelijkheid ervaren|Volgens de vragenlijsten vindt een deel van de sponsoren de taakverdeling met de maatschappelijk begeleider onduidelijk}. {De teamleiders verklaren dat verschil uit wat er achter de schermen gebeurt.|Dit wordt meegenomen in de checklist.}
""",
    "stem_hervestigers": """
U| {De onderzoeker merkt op dat hervestigers in de interviews vooral positief zijn en weinig kritiek uiten|Uit de tweede ronde interviews komt meer kritiek naar voren dan uit de eerste}; {sociale wenselijkheid speelt waarschijnlijk een rol|vertrouwen in de interviewer en de tolk helpt}.
""",
    "sociale_contacten": """
M| {De onderzoeker deelt dat hervestigers in de tweede ronde veel vaker over contact met buren vertellen|In de interviews van het najaar noemen gezinnen de buren en de school als nieuwe contacten}; {het netwerk groeit, maar langzaam|vooral waar sponsoren de buurt erbij betrekken}.
""",
    "zingeving": """
M| {Uit de vragenlijsten blijkt dat sponsoren veel voldoening uit hun inzet halen|Het gemiddelde rapportcijfer van sponsoren ligt rond de acht}, {al zijn gestopte sponsoren kritischer|al is de respons klein}.
""",
    "werving_vrijwilligers": """
U| {De vragenlijst voor gestopte sponsoren leverde maar twee reacties op|De onderzoeker vraagt om hulp bij het benaderen van gestopte sponsoren}; {de respons is laag, conclusies zijn voorzichtig|redenen om te stoppen zijn tijd, wachten en onduidelijkheid}.
""",
    "persoonlijke_relatie": """
M| {De onderzoeker ziet in alle gemeenten dat hervestigers sponsoren als vrienden of familie omschrijven|Het persoonlijke karakter van de steun komt in alle interviews terug als meerwaarde}. {Waar de sponsor stopte, voelt dat als een verlies.|Dat is een belangrijk verschil met professionele begeleiding.}
""",
}
OZ_BANK = parse_bank("oz", ONDERZOEK)

TL_BANK = parse_bank("tl", TEAMLEIDER)
GM_BANK = parse_bank("gm", GEMEENTE)
