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

TL_BANK = parse_bank("tl", TEAMLEIDER)
GM_BANK = parse_bank("gm", GEMEENTE)
