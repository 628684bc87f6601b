<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name></name>
    <message>
        <location filename="../panels/profile_views.py" line="40"/>
        <source>Source: {source}</source>
        <extracomment>breakdowns drawn as bar charts, in the panel&apos;s order (the mode split is in the header: it draws first) crossing series drawn together: chart key -&gt; (series keys)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="44"/>
        <source>Figures of {owner}, not of the zone itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="51"/>
        <source>Show {period}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="84"/>
        <location filename="../panels/profile_views.py" line="106"/>
        <location filename="../panels/profile_views.py" line="278"/>
        <source>Not held for this period</source>
        <extracomment>bars drawn (the rest folds into &quot;others&quot;; the table keeps every row the model gives)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="148"/>
        <source>Trucks and loaded truck containers entering the US, by month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="164"/>
        <source>US exports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="164"/>
        <source>US imports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="164"/>
        <source>US trade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="165"/>
        <source>with Mexico</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="165"/>
        <source>with Canada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="165"/>
        <source>with Mexico and Canada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="167"/>
        <source>modes {codes}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="169"/>
        <source>HS {codes}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="170"/>
        <source>Filter: {filter}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="174"/>
        <source>Values in US dollars</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="174"/>
        <source>Values are counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="175"/>
        <source>Distances in km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="186"/>
        <source>Key figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="186"/>
        <location filename="../panels/profile_views.py" line="245"/>
        <source>Figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="186"/>
        <location filename="../panels/profile_views.py" line="201"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="186"/>
        <source>As shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="186"/>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="186"/>
        <source>Source and period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="187"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="187"/>
        <source>Figure of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="201"/>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="201"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="201"/>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="201"/>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="214"/>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="214"/>
        <source>Year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="218"/>
        <source>Months held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="221"/>
        <source>some</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="221"/>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="245"/>
        <location filename="../panels/profile_views.py" line="263"/>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="264"/>
        <source>Same scale in every panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="276"/>
        <source>Trade value by month, US$</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_views.py" line="276"/>
        <source>Trade value by year, US$</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BookmarksPanel</name>
    <message>
        <location filename="../panels/bookmarks_panel.py" line="42"/>
        <source>Bookmarks</source>
        <extracomment>a bookmark was shown (its index) the user asks to present (from the current bookmark)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/bookmarks_panel.py" line="50"/>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/bookmarks_panel.py" line="50"/>
        <source>Bookmark the current view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/bookmarks_panel.py" line="51"/>
        <source>Update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/bookmarks_panel.py" line="52"/>
        <source>Replace the selected bookmark&apos;s view with the current one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/bookmarks_panel.py" line="54"/>
        <source>Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/bookmarks_panel.py" line="54"/>
        <source>Rename the selected bookmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/bookmarks_panel.py" line="56"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/bookmarks_panel.py" line="56"/>
        <source>Delete the selected bookmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/bookmarks_panel.py" line="60"/>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/bookmarks_panel.py" line="60"/>
        <source>Move the selected bookmark up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/bookmarks_panel.py" line="62"/>
        <source>Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/bookmarks_panel.py" line="62"/>
        <source>Move the selected bookmark down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/bookmarks_panel.py" line="64"/>
        <source>Present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/bookmarks_panel.py" line="64"/>
        <source>Present the bookmarks full screen (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/bookmarks_panel.py" line="67"/>
        <source>Notes (speaker notes on the slide):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/bookmarks_panel.py" line="69"/>
        <source>What to say about this view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/bookmarks_panel.py" line="139"/>
        <source>View {n}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CapacityEditor</name>
    <message>
        <location filename="../panels/scenario_panel.py" line="436"/>
        <source> % of northbound</source>
        <extracomment>the US–Mexico border (lon, lat box): a new crossing outside it is flagged (kept, but said)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="437"/>
        <source>Southbound capacity as a share of the northbound capacity from the crossing counts (which are northbound only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="443"/>
        <source> km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="444"/>
        <source>Freight is rerouted only to ports adding at most this detour (great-circle); farther freight waits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="446"/>
        <source>Southbound capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="447"/>
        <source>Longest detour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="450"/>
        <source>truck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="450"/>
        <source>rail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="452"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="452"/>
        <source>The new crossing&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="453"/>
        <source>Lon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="453"/>
        <source>Longitude in decimal degrees (west is negative, e.g. −106.45)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="454"/>
        <source>Lat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="454"/>
        <source>Latitude in decimal degrees, e.g. 31.75</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="455"/>
        <location filename="../panels/scenario_panel.py" line="474"/>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="455"/>
        <location filename="../panels/scenario_panel.py" line="474"/>
        <source>Trucks or rail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="456"/>
        <source>Capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="456"/>
        <source>Loaded containers a month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="458"/>
        <location filename="../panels/scenario_panel.py" line="479"/>
        <location filename="../panels/scenario_panel.py" line="493"/>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="459"/>
        <source>Add a new crossing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="461"/>
        <location filename="../panels/scenario_panel.py" line="567"/>
        <source>Pick on Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="462"/>
        <source>Click the map to place the selected new crossing (Esc cancels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="466"/>
        <location filename="../panels/scenario_panel.py" line="482"/>
        <location filename="../panels/scenario_panel.py" line="496"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="467"/>
        <location filename="../panels/scenario_panel.py" line="483"/>
        <location filename="../panels/scenario_panel.py" line="497"/>
        <source>Remove the selected row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="468"/>
        <source>New crossings (capacity in loaded containers a month)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="471"/>
        <source>% of default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="471"/>
        <source>+ a month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="471"/>
        <source>= a month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="473"/>
        <location filename="../panels/scenario_panel.py" line="488"/>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="473"/>
        <source>Port code, e.g. 2304</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="475"/>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="475"/>
        <source>A percentage of the default capacity (120 = lanes for 20% more), loaded containers a month added (new lanes), or the capacity set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="477"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="477"/>
        <source>Percent, or loaded containers a month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="480"/>
        <source>Change the capacity of a port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="484"/>
        <source>Capacity changes at a port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="488"/>
        <source>Code of a closed port, e.g. 2304</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="489"/>
        <source>Share of the port (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="489"/>
        <source>The share of the port&apos;s capacity the closed bridge carries (user-entered: bridges have no counts of their own)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="494"/>
        <source>Close only one bridge of a closed port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="498"/>
        <source>One bridge of a closed port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="541"/>
        <location filename="../panels/scenario_panel.py" line="543"/>
        <source>New crossing {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="562"/>
        <source>Click the Map…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="599"/>
        <location filename="../panels/scenario_panel.py" line="636"/>
        <location filename="../panels/scenario_panel.py" line="659"/>
        <source>row {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="603"/>
        <source>give it a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="605"/>
        <source>enter its longitude and latitude, or pick its place on the map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="608"/>
        <source>the longitude must be a number of degrees (west is negative, e.g. −106.45), not “{t}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="611"/>
        <source>the longitude must be west of Greenwich, negative (the border lies between −117 and −97)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="614"/>
        <source>the latitude must be a number of degrees from −90 to 90, not “{t}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="617"/>
        <source>enter its capacity in loaded containers a month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="618"/>
        <source>the capacity must be a number of loaded containers a month, 0 or more, not “{t}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="622"/>
        <source>New crossing {who}: {why}; left out until corrected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="627"/>
        <source>New crossing {who} lies away from the US–Mexico border (longitude −117 to −97, latitude 25.7 to 32.8): check its place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="639"/>
        <source>enter the port&apos;s code, e.g. 2304</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="641"/>
        <location filename="../panels/scenario_panel.py" line="664"/>
        <source>{port} is not a land port on the Mexican border with crossing counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="644"/>
        <source>enter the change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="645"/>
        <source>the value must be a number, 0 or more, not “{t}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="648"/>
        <source>Capacity change {who}: {why}; left out until corrected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="662"/>
        <source>enter the code of a closed port, e.g. 2304</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="667"/>
        <source>the port has a bridge share already</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="669"/>
        <source>enter the share of the port the bridge carries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="670"/>
        <source>the share must be a percentage above 0 and at most 100, not “{t}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="674"/>
        <source>Bridge {who}: {why}; left out until corrected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="677"/>
        <source>Bridge {who}: the share counts only while {who} is closed (add it to “Close ports”).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <location filename="../panels/profile_panel.py" line="260"/>
        <source>Drawing chart…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="283"/>
        <source>Save Chart as PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="284"/>
        <source>Save Chart as SVG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="285"/>
        <source>Save Chart as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="287"/>
        <source>Save Table as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="288"/>
        <source>Save Table as Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="289"/>
        <source>Copy Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="294"/>
        <source>Save Chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="295"/>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="295"/>
        <source>SVG drawing (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="296"/>
        <source>PDF document (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="302"/>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompanySection</name>
    <message>
        <location filename="../panels/company_section.py" line="48"/>
        <source>Company figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/company_section.py" line="48"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/company_section.py" line="93"/>
        <source>computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/company_section.py" line="160"/>
        <source>{value} a year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/company_section.py" line="161"/>
        <source>no value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/company_section.py" line="173"/>
        <source>supplier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/company_section.py" line="173"/>
        <source>plant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/company_section.py" line="173"/>
        <source>warehouse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/company_section.py" line="174"/>
        <source>customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/company_section.py" line="174"/>
        <source>facility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/company_section.py" line="174"/>
        <source>truck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/company_section.py" line="175"/>
        <source>rail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/company_section.py" line="175"/>
        <source>air</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/company_section.py" line="175"/>
        <source>vessel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/company_section.py" line="176"/>
        <source>pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/company_section.py" line="176"/>
        <source>other</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../dialogs/export_dialog.py" line="43"/>
        <location filename="../dialogs/export_dialog.py" line="135"/>
        <source>Export Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/export_dialog.py" line="48"/>
        <source>PDF (vector)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/export_dialog.py" line="48"/>
        <source>SVG (vector)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/export_dialog.py" line="49"/>
        <source>PNG image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/export_dialog.py" line="50"/>
        <source>Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/export_dialog.py" line="52"/>
        <source>Slide 16:9 (1920 × 1080 px)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/export_dialog.py" line="52"/>
        <source>Letter, landscape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/export_dialog.py" line="53"/>
        <source>Letter, portrait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/export_dialog.py" line="53"/>
        <source>A4, landscape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/export_dialog.py" line="54"/>
        <source>A4, portrait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/export_dialog.py" line="57"/>
        <source>Custom (pixels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/export_dialog.py" line="59"/>
        <source>Size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/export_dialog.py" line="67"/>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/export_dialog.py" line="71"/>
        <source>Custom size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/export_dialog.py" line="75"/>
        <source> dpi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/export_dialog.py" line="76"/>
        <source>Resolution:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/export_dialog.py" line="79"/>
        <source>Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/export_dialog.py" line="83"/>
        <source>Subtitle:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/export_dialog.py" line="84"/>
        <source>Highlight the selected feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/export_dialog.py" line="92"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/export_dialog.py" line="96"/>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/export_dialog.py" line="98"/>
        <source>Output:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/export_dialog.py" line="100"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/export_dialog.py" line="123"/>
        <source>{w} × {h} pixels at {dpi} dpi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/export_dialog.py" line="125"/>
        <source>{w:.2f} × {h:.2f} in, vector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/export_dialog.py" line="136"/>
        <source>{fmt} files (*.{ext})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FacilityImportDialog</name>
    <message>
        <location filename="../dialogs/facility_import_dialog.py" line="42"/>
        <source>Import Company Facilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/facility_import_dialog.py" line="48"/>
        <source>{0}: {1} rows. Choose what each column holds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/facility_import_dialog.py" line="51"/>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/facility_import_dialog.py" line="51"/>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/facility_import_dialog.py" line="51"/>
        <source>First value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/facility_import_dialog.py" line="75"/>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/facility_import_dialog.py" line="75"/>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/facility_import_dialog.py" line="75"/>
        <source>Place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/facility_import_dialog.py" line="76"/>
        <source>Candidate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/facility_import_dialog.py" line="76"/>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/facility_import_dialog.py" line="77"/>
        <source>Confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/facility_import_dialog.py" line="81"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/facility_import_dialog.py" line="83"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/facility_import_dialog.py" line="122"/>
        <source>Import cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/facility_import_dialog.py" line="134"/>
        <source>{0} placed, {1} geocoded, {2} need review, {3} rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/facility_import_dialog.py" line="138"/>
        <source>Against the project&apos;s facilities: {0} added, {1} changed, {2} removed, {3} unchanged (Edit → Revert Company Network Import undoes it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/facility_import_dialog.py" line="157"/>
        <source>(none chosen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/facility_import_dialog.py" line="163"/>
        <source>Place on Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/facility_import_dialog.py" line="164"/>
        <source>Click the map where this site is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/facility_import_dialog.py" line="189"/>
        <source>not placed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/facility_import_dialog.py" line="195"/>
        <source>manual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/facility_import_dialog.py" line="195"/>
        <source>{0:.0%}, chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/facility_import_dialog.py" line="209"/>
        <source>Click the map where {id} is (Esc cancels).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FeaturePanel</name>
    <message>
        <location filename="../panels/feature_panel.py" line="58"/>
        <source>Attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/feature_panel.py" line="58"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/feature_panel.py" line="64"/>
        <source>Zoom to feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/feature_panel.py" line="80"/>
        <source>&lt;i&gt;Click a port, seaport, industrial zone or state to see its details.&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../toolbars/filter_bar.py" line="36"/>
        <source>Filters</source>
        <extracomment>a colour per source row under the period slider</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/filter_bar.py" line="46"/>
        <location filename="../toolbars/filter_bar.py" line="71"/>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/filter_bar.py" line="49"/>
        <source>Exports and imports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/filter_bar.py" line="49"/>
        <source>US exports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/filter_bar.py" line="50"/>
        <source>US imports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/filter_bar.py" line="50"/>
        <source>Direction of trade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/filter_bar.py" line="51"/>
        <source>Mexico</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/filter_bar.py" line="51"/>
        <source>Canada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/filter_bar.py" line="52"/>
        <source>Mexico and Canada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/filter_bar.py" line="52"/>
        <source>Trading partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/filter_bar.py" line="53"/>
        <location filename="../toolbars/filter_bar.py" line="120"/>
        <source>All modes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/filter_bar.py" line="53"/>
        <source>Mode of transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/filter_bar.py" line="54"/>
        <location filename="../toolbars/filter_bar.py" line="121"/>
        <source>All commodities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/filter_bar.py" line="55"/>
        <source>HS 2-digit chapter; type to search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/filter_bar.py" line="65"/>
        <source>State shading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/filter_bar.py" line="67"/>
        <source>Classification of the state shading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/filter_bar.py" line="69"/>
        <source>What sizes the ports of entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/filter_bar.py" line="76"/>
        <source>Map style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/filter_bar.py" line="82"/>
        <source>Shade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/filter_bar.py" line="82"/>
        <source>Size ports by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/filter_bar.py" line="156"/>
        <source>no trade data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/filter_bar.py" line="172"/>
        <source>Rows below the slider, top to bottom: {sources}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FlowPanel</name>
    <message>
        <location filename="../panels/flow_panel.py" line="57"/>
        <source>Show trade flows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/flow_panel.py" line="60"/>
        <source>Back to BTS flows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/flow_panel.py" line="64"/>
        <source>Draw only the N largest flows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/flow_panel.py" line="68"/>
        <source> US$ M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/flow_panel.py" line="70"/>
        <source>Hide flows smaller than this value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/flow_panel.py" line="72"/>
        <source>Mode of transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/flow_panel.py" line="73"/>
        <source>Direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/flow_panel.py" line="78"/>
        <source>Value labels on the largest flows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/flow_panel.py" line="80"/>
        <source>Largest flows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/flow_panel.py" line="81"/>
        <source>Minimum value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/flow_panel.py" line="82"/>
        <source>Colour by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/flow_panel.py" line="83"/>
        <source>Value labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/flow_panel.py" line="91"/>
        <source>Open Your Own Flow Table (CSV)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/flow_panel.py" line="119"/>
        <source>Showing your flow table: &lt;b&gt;{name}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/flow_panel.py" line="121"/>
        <source>BTS TransBorder flows (DOT1), following the filters above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/flow_panel.py" line="126"/>
        <source>{shown:,} of {total:,} flows drawn.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportHistoryDialog</name>
    <message>
        <location filename="../dialogs/import_dialog.py" line="213"/>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="213"/>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="213"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="213"/>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="213"/>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="214"/>
        <source>Replaced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="214"/>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="214"/>
        <source>Kept for undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="217"/>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="217"/>
        <source>undone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="219"/>
        <source>{status} (purged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="225"/>
        <source>Import history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="241"/>
        <source>Undo import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="242"/>
        <source>Purge replaced rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="243"/>
        <source>Delete for good the rows kept so the selected import can be undone (all imports if none is selected).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="269"/>
        <source>{file}  (SHA-256 {sha}…, {rows:,} rows)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="299"/>
        <source>Undid import #{id}: removed {removed:,} rows, restored {restored:,}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="308"/>
        <source>import #{id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="308"/>
        <source>all imports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="309"/>
        <source>Purged {n:,} replaced rows of {which}; they can no longer be restored.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <location filename="../dialogs/import_dialog.py" line="149"/>
        <source>Import report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="157"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="157"/>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="157"/>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportRunner</name>
    <message>
        <location filename="../dialogs/import_dialog.py" line="48"/>
        <source>Importing {n} file(s)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="49"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="50"/>
        <source>Import BTS files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="74"/>
        <source>Replace whole months?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="75"/>
        <source>The files cover only part of what the store holds for some months.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="78"/>
        <source>Replacing them whole deletes {rows:,} stored rows the files lack (Undo in File → Import History restores them until purged).

Yes: replace and delete them.
No: keep them and merge the files by key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="93"/>
        <source>Border Crossing {month}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="94"/>
        <source>Mexico</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="94"/>
        <source>Canada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="95"/>
        <source>{table} {month} {partner}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="101"/>
        <source>{n:,} crossings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="103"/>
        <source>{files}: {slice}: {rows:,} stored rows ({value}) not in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="108"/>
        <source>… and {n} more slices ({rows:,} rows)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="115"/>
        <source>Importing… {done:,} of {total:,} rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="134"/>
        <location filename="../dialogs/import_dialog.py" line="140"/>
        <source>Import cancelled. The store is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LaneImportDialog</name>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="58"/>
        <source>Import Company Lanes</source>
        <extracomment>rows shown in the preview, and changes listed (the counts cover them all)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="68"/>
        <source>{file}: {rows:,} rows. Choose what each column holds; every row is checked against the project&apos;s {facilities:,} facilities.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="75"/>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="75"/>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="75"/>
        <source>First value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="104"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="105"/>
        <source>Stop checking the rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="119"/>
        <source>Only rows with problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="123"/>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="124"/>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="130"/>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="138"/>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="138"/>
        <source>Lane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="138"/>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="139"/>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="146"/>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="151"/>
        <source>Apply Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="161"/>
        <source>(ignore)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="161"/>
        <source>Lane id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="161"/>
        <source>From facility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="162"/>
        <source>To facility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="162"/>
        <source>Annual value (US$)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="163"/>
        <source>Annual volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="163"/>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="163"/>
        <location filename="../dialogs/lane_import_dialog.py" line="296"/>
        <source>HS chapter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="164"/>
        <source>Assigned port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="178"/>
        <source>Checking the rows with the new mapping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="218"/>
        <source>Check stopped; nothing imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="231"/>
        <source>{ok:,} lanes read, {bad:,} rows with problems (not imported), {warn:,} with a warning.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="280"/>
        <source>{value} a year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="282"/>
        <source>volume {volume:,.6g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="285"/>
        <source>HS {hs}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="287"/>
        <source>port {port}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="295"/>
        <source>from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="295"/>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="295"/>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="296"/>
        <source>volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="296"/>
        <source>mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="297"/>
        <source>port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="308"/>
        <source>Nothing changes: the file&apos;s lanes are the project&apos;s ({n:,} unchanged).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="311"/>
        <source>Applying the file: {a:,} added, {c:,} changed, {r:,} removed, {u:,} unchanged. Edit → Revert Company Network Import undoes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="314"/>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="314"/>
        <source>Changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="314"/>
        <source>Removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="321"/>
        <source>(not in the file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/lane_import_dialog.py" line="322"/>
        <source>(its row in the file has a problem: {reason})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <location filename="../panels/layer_panel.py" line="31"/>
        <source>Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/layer_panel.py" line="34"/>
        <source>Layer opacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/layer_panel.py" line="35"/>
        <source>Opacity</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../app/main_window.py" line="49"/>
        <source>Frontera Atlas — US–Mexico supply chains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="77"/>
        <source>Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="87"/>
        <source>Legend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="88"/>
        <source>Selected feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="92"/>
        <source>Trade flows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="101"/>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="133"/>
        <source>render {ms:.0f} ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="143"/>
        <source>Bookmarks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="168"/>
        <source>Scenario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="216"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="217"/>
        <source>&amp;Import BTS Files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="218"/>
        <source>Ctrl+I</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="219"/>
        <source>Import TransBorder or Border Crossing files (CSV or zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="220"/>
        <source>&amp;Export Map Image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="221"/>
        <source>Ctrl+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="221"/>
        <source>Save the current view as PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="222"/>
        <source>Export Slide &amp;Deck…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="223"/>
        <source>The bookmarks as a PowerPoint or PDF deck, one slide each</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="224"/>
        <source>Export A&amp;tlas (PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="225"/>
        <source>One PDF page per port or state: the map zoomed to it, its key figures and a chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="227"/>
        <source>Export &amp;Map Data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="228"/>
        <source>States, ports and flows with their figures as GeoPackage, GeoJSON or CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="230"/>
        <source>Import &amp;History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="231"/>
        <source>Every import, with Undo and Purge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="232"/>
        <source>Open &amp;Flow Table (CSV)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="233"/>
        <source>Draw your own origin–destination flows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="234"/>
        <source>Import Company &amp;Facilities…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="235"/>
        <source>Your suppliers, plants, warehouses and customers (CSV, Excel, GIS files)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="236"/>
        <source>Import Company &amp;Lanes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="237"/>
        <source>The lanes between your facilities: value, volume, mode, HS chapter, port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="239"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="241"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="244"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="245"/>
        <source>Zoom &amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="246"/>
        <source>Ctrl+=</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="247"/>
        <source>Zoom &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="248"/>
        <source>&amp;Full Extent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="248"/>
        <source>Ctrl+Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="249"/>
        <source>Zoom to &amp;Selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="249"/>
        <source>Ctrl+J</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="251"/>
        <source>Show &amp;Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="254"/>
        <source>Show Trade &amp;Flows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="255"/>
        <source>Ctrl+F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="262"/>
        <source>What If a &amp;Crossing Closes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="263"/>
        <source>Close or degrade ports, apply a tariff: value rerouted, delayed and at risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="265"/>
        <source>&amp;Presentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="267"/>
        <source>Step through the bookmarks full screen (Esc leaves)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="269"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="270"/>
        <source>&amp;About Frontera Atlas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="277"/>
        <source>Presentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="278"/>
        <source>Add bookmarks first (View → Bookmarks): the presentation steps through them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="300"/>
        <location filename="../app/main_window.py" line="305"/>
        <source>Export Slide Deck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="301"/>
        <source>Add bookmarks first (View → Bookmarks): each becomes a slide.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="306"/>
        <source>PowerPoint (*.pptx);;PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="309"/>
        <source>Painting slides…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="322"/>
        <source>Deck export cancelled; nothing written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="346"/>
        <location filename="../app/main_window.py" line="350"/>
        <location filename="../app/main_window.py" line="357"/>
        <location filename="../app/main_window.py" line="382"/>
        <source>Export Animation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="346"/>
        <source>No months to play in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="360"/>
        <source>Rendering frames…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="309"/>
        <location filename="../app/main_window.py" line="360"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="372"/>
        <source>Animation export cancelled; nothing written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="325"/>
        <location filename="../app/main_window.py" line="385"/>
        <location filename="../app/main_window.py" line="521"/>
        <location filename="../app/main_window.py" line="561"/>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="351"/>
        <source>Animated GIF (*.gif);;MP4 video (*.mp4);;PNG sequence (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="387"/>
        <source>Wrote {n} frames to {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="432"/>
        <source>Open Flow Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="433"/>
        <source>CSV tables (*.csv *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="441"/>
        <location filename="../app/main_window.py" line="444"/>
        <source>Flow table not loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="330"/>
        <location filename="../app/main_window.py" line="483"/>
        <location filename="../app/main_window.py" line="564"/>
        <source>Saved {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="494"/>
        <source>Export Atlas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="498"/>
        <source>Land ports of entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="498"/>
        <source>US states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="499"/>
        <source>Mexican states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="500"/>
        <source>One page per:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="504"/>
        <source>How many, largest by trade value first:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="508"/>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="514"/>
        <location filename="../app/main_window.py" line="556"/>
        <source>Exporting {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="518"/>
        <source>Atlas export cancelled; nothing written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="524"/>
        <source>Saved {path} ({n} pages)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="535"/>
        <source>Export Map Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="541"/>
        <source>GeoPackage (*.gpkg);;GeoJSON (*.geojson);;CSV table (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="558"/>
        <source>Data export cancelled; nothing written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="576"/>
        <location filename="../app/main_window.py" line="583"/>
        <source>Import Company Facilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="577"/>
        <source>Tables (*.csv *.tsv *.txt *.xlsx *.gpkg *.geojson *.shp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="606"/>
        <source>Import Company Lanes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="608"/>
        <source>Import the company&apos;s facilities first: lanes join them by their ids.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="613"/>
        <source>Tables (*.csv *.tsv *.txt *.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="636"/>
        <source>Import History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="496"/>
        <location filename="../app/main_window.py" line="537"/>
        <location filename="../app/main_window.py" line="636"/>
        <source>The trade store is still opening.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="643"/>
        <source>About Frontera Atlas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="644"/>
        <source>&lt;h3&gt;Frontera Atlas {version}&lt;/h3&gt;&lt;p&gt;Offline maps of US–Mexico supply chains: land ports of entry, seaports, industrial zones and trade flows.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Data sources and attributions&lt;/b&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="648"/>
        <source>&lt;p&gt;Frontera Atlas makes no network connection.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main_window.py" line="669"/>
        <source>100 px = {km:,.0f} km</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <location filename="../canvas/map_canvas.py" line="367"/>
        <source>Also here: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Months</name>
    <message>
        <location filename="model_messages.py" line="434"/>
        <source>Jan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="435"/>
        <source>Feb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="436"/>
        <source>Mar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="437"/>
        <source>Apr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="438"/>
        <source>May</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="439"/>
        <source>Jun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="440"/>
        <source>Jul</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="441"/>
        <source>Aug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="442"/>
        <source>Sep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="443"/>
        <source>Oct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="444"/>
        <source>Nov</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="445"/>
        <source>Dec</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkPanel</name>
    <message>
        <location filename="../panels/network_panel.py" line="63"/>
        <location filename="../panels/network_panel.py" line="160"/>
        <source>No company network imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/network_panel.py" line="85"/>
        <source>Size ports by exposure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/network_panel.py" line="88"/>
        <source>Names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/network_panel.py" line="88"/>
        <source>Ids for names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/network_panel.py" line="89"/>
        <source>Types for names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/network_panel.py" line="104"/>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/network_panel.py" line="73"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/network_panel.py" line="75"/>
        <source>Compute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/network_panel.py" line="76"/>
        <source>Route the lanes and compute the exposure again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/network_panel.py" line="84"/>
        <source>Show facilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/network_panel.py" line="87"/>
        <source>What names the facilities on the map and in the panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/network_panel.py" line="91"/>
        <source>Show lanes over the trade flows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/network_panel.py" line="92"/>
        <source>The company&apos;s cross-border lanes through their ports, in their own colours, drawn over the public trade flows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/network_panel.py" line="94"/>
        <source>Import Lanes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/network_panel.py" line="95"/>
        <source>Lanes between the facilities (CSV or Excel): from, to, annual value or volume, mode, HS chapter, port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/network_panel.py" line="104"/>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/network_panel.py" line="104"/>
        <source>Value a year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/network_panel.py" line="105"/>
        <source>Lanes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/network_panel.py" line="105"/>
        <source>Facilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/network_panel.py" line="139"/>
        <source>Routing {n:,} lanes and computing the exposure…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/network_panel.py" line="156"/>
        <source>Exposure not computed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/network_panel.py" line="164"/>
        <source>{0} cross-border lanes, {1} a year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/network_panel.py" line="167"/>
        <source>(not routed)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <location filename="../panels/network_panel.py" line="243"/>
        <source>Company Network</source>
        <extracomment>the figures of the network shown arrived (a :class:`~geo.network.display.NetworkFigures`)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/network_panel.py" line="336"/>
        <source>Cancelled: the network&apos;s exposure and lanes were not computed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/network_panel.py" line="338"/>
        <source>The exposure could not be computed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotesBar</name>
    <message>
        <location filename="../widgets/notes_bar.py" line="48"/>
        <source>Notes on these figures ({n}) — click to fold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/notes_bar.py" line="54"/>
        <source>{n} notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/notes_bar.py" line="54"/>
        <source>1 note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/notes_bar.py" line="60"/>
        <source>Click to read every note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OdProblemsDialog</name>
    <message>
        <location filename="../dialogs/import_dialog.py" line="178"/>
        <source>Flow table: rows not drawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="181"/>
        <source>{name}: {ok:,} flows loaded, {bad:,} rows not drawn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="189"/>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/import_dialog.py" line="189"/>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Presentation</name>
    <message>
        <location filename="../app/presentation.py" line="78"/>
        <source>Presentation — Frontera Atlas</source>
        <extracomment>the bookmark shown (index), after its transition</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/presentation.py" line="258"/>
        <source>{n} of {count} · Esc leaves</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfilePanel</name>
    <message>
        <location filename="../panels/profile_panel.py" line="422"/>
        <source>Back (Alt+Left)</source>
        <extracomment>header painted: (ref, milliseconds from the request) every chart drawn: (ref, milliseconds from the request) one chart on screen: (ref, its index, milliseconds from the request)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="423"/>
        <source>Forward (Alt+Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="431"/>
        <source>Pin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="431"/>
        <source>Pin to compare side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="433"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="436"/>
        <source>All Tables as Excel (.xlsx)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="437"/>
        <source>Key Figures as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="438"/>
        <source>Copy Key Figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="466"/>
        <source>Figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="466"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="466"/>
        <source>Source · period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="492"/>
        <source>Time series:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="493"/>
        <source>Monthly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="494"/>
        <source>Annual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="530"/>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="549"/>
        <location filename="../panels/profile_panel.py" line="957"/>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="666"/>
        <source>&lt;i&gt;Click a port, seaport, industrial zone or state on the map to read its story.&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="673"/>
        <source>Opening the trade store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="715"/>
        <source>(figure of {owner})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="826"/>
        <source>Charts failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="898"/>
        <source>HS {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="928"/>
        <source>Filtered from charts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="932"/>
        <source>Clear this filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="952"/>
        <location filename="../panels/profile_panel.py" line="956"/>
        <source>Compare ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="982"/>
        <source>Unpin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="992"/>
        <source>Pin two or more features to compare them</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScenarioPanel</name>
    <message>
        <location filename="../panels/scenario_panel.py" line="763"/>
        <source>port codes, e.g. 2304, 2401</source>
        <extracomment>map bounds (metres) of the closed and receiving ports, after a run asked for with the Run button</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="766"/>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="775"/>
        <source>Latest full year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="776"/>
        <source>The latest full year of DOT1 flows the store holds (the default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="786"/>
        <source>all chapters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="793"/>
        <source>Close ports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="794"/>
        <source>Days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="795"/>
        <source>Capacity kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="800"/>
        <source>Flows of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="802"/>
        <source>Tariff on MX imports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="814"/>
        <source>New crossings, capacity changes per port, one bridge of a port, southbound capacity and the longest detour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="824"/>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="825"/>
        <source>Compute the scenario; once run, moving a control recomputes it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="828"/>
        <source>Keep as A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="829"/>
        <source>Keep this result as scenario A; change the settings and run B to compare them side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="833"/>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="834"/>
        <source>Reopen every port and remove the tariff (the map clears)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="836"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="839"/>
        <source>Save Results as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="840"/>
        <source>Save Results as Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="841"/>
        <source>Copy Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="856"/>
        <source>Load → while closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="856"/>
        <source>Capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="856"/>
        <source>Of capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="861"/>
        <source>Loads and capacities in loaded containers a month, northbound (Border Crossing counts); load while closed against capacity coloured as on the map; value in US$ over the days closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="867"/>
        <source>Receiving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="868"/>
        <source>Value rerouted by receiving port, load against capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="873"/>
        <location filename="../panels/scenario_panel.py" line="1518"/>
        <source>Press “Keep as A” to keep this result, change the settings and run again: A and B show here side by side.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="877"/>
        <source>Figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="877"/>
        <source>B − A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="886"/>
        <source>A / B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="892"/>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="897"/>
        <source>against the month before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="906"/>
        <source>Run a scenario: the observed change of the affected and neighbouring ports shows here beside the model&apos;s prediction.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="909"/>
        <location filename="../panels/scenario_panel.py" line="1602"/>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="911"/>
        <location filename="../panels/scenario_panel.py" line="1602"/>
        <source>Observed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="912"/>
        <source>Observed vs predicted: the counts around a month beside the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="922"/>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="924"/>
        <source>Lanes through the closed ports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="925"/>
        <source>Customers and suppliers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="926"/>
        <source>Tariff by lane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="937"/>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="939"/>
        <source>The company&apos;s lanes and facilities hit (with a company network)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="951"/>
        <source>Assumptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1040"/>
        <source>Add capacity and detour settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1041"/>
        <source> ({n} set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1274"/>
        <source>Scenario: {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1283"/>
        <source>tariff of {t:g}%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1286"/>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1287"/>
        <source>at {p:g}% of capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1288"/>
        <source>{ports} {how} for {d} days (flows of {lo}–{hi})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1294"/>
        <source>only one bridge of {port}, {s:g}% of the port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1297"/>
        <source>new crossings: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1299"/>
        <source>capacity changed at {ports}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1308"/>
        <source>the backlog does not clear (a reopened port has no headroom: see the assumptions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1310"/>
        <source>the backlog clears {d:.1f} days after reopening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1311"/>
        <source>unbounded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1312"/>
        <source>Affected {a} over {n} days: rerouted {r}, delayed {d} ({vd} value-days); {c}; {km:,.0f} extra truck-km.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1323"/>
        <source>Company: {h} of {n} lanes hit, {v} at risk (see Company).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1383"/>
        <source>Run a scenario: the company&apos;s lanes through the closed ports and the customers and suppliers behind them show here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1392"/>
        <source>{k} extra truck-km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1394"/>
        <source>{k} extra rail container-km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1395"/>
        <source>{h} of the company&apos;s {n} lanes cross at the closed ports: {v} at risk over the {d} days, {r} rerouted and {w} delayed; {f} facilities on them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1402"/>
        <source>None of the company&apos;s {n} lanes crosses at the closed ports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1407"/>
        <source>Tariff: {v} a year at risk on {c} company lanes from Mexico.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1410"/>
        <source>{u} lanes without an HS chapter are listed, not counted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1436"/>
        <source>Facility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1436"/>
        <source>Lanes hit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1436"/>
        <location filename="../panels/scenario_panel.py" line="1465"/>
        <source>At risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1438"/>
        <source>Tariff a year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1439"/>
        <source>ships (supplier side)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1439"/>
        <source>receives (customer side)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1447"/>
        <source>A facility counts on the side it is on: it ships on the lane (the supplier side) or receives (the customer side). At risk: US$ over the {d} days closed; tariff: US$ a year.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1451"/>
        <location filename="../panels/scenario_panel.py" line="1465"/>
        <source>Lane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1451"/>
        <source>Value a year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1451"/>
        <source>At risk a year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1452"/>
        <source>counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1452"/>
        <source>chapter not covered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1453"/>
        <source>HS unknown: not counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1453"/>
        <source>no value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1457"/>
        <source>HS {hs}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1462"/>
        <source>Lanes from a Mexican to a US facility; US$ a year: the lane&apos;s annual value × the tariff&apos;s share at risk where its HS chapter is covered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1465"/>
        <source>Rerouted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1465"/>
        <source>Delayed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1466"/>
        <source>Extra km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1472"/>
        <source>via {port}, {km:+,.0f} km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1473"/>
        <source>via {port}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1473"/>
        <source>waits: no port took it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1477"/>
        <source>truck-km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1478"/>
        <source>rail container-km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1483"/>
        <source>US$ over the {d} days closed. Via: the receiving port adding the least detour from the lane&apos;s own origin to its destination; extra km: the lane&apos;s rerouted loaded containers × that detour (truck-km, or rail container-km on rail lanes; great-circle).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1521"/>
        <source>A: {a}
B: {b}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1522"/>
        <source>run a scenario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1560"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1560"/>
        <source>CSV table (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1561"/>
        <source>Save Scenario Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1568"/>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1593"/>
        <source>The store holds no truck counts around {m}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1602"/>
        <source>Predicted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="803"/>
        <source>HS chapters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="804"/>
        <source>USMCA-exempt share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="805"/>
        <source>Trade elasticity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="848"/>
        <location filename="../panels/scenario_panel.py" line="1360"/>
        <source>Close a port and run the scenario.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="855"/>
        <source>Receiving port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="855"/>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="855"/>
        <source>Value rerouted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1192"/>
        <source>No trade store is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1209"/>
        <source>Close a port (or set a tariff) and run the scenario.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1213"/>
        <source>Computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/scenario_panel.py" line="1318"/>
        <source>Tariff: {v} of {t} at risk.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimeBar</name>
    <message>
        <location filename="../toolbars/time_bar.py" line="28"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/time_bar.py" line="34"/>
        <source>First month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/time_bar.py" line="35"/>
        <source>Previous month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/time_bar.py" line="37"/>
        <source>Play the period month by month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/time_bar.py" line="39"/>
        <source>Ctrl+Space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/time_bar.py" line="40"/>
        <source>Next month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/time_bar.py" line="42"/>
        <source>Stop: back to the whole period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/time_bar.py" line="46"/>
        <source>{n} months/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/time_bar.py" line="48"/>
        <source>Playback speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/time_bar.py" line="53"/>
        <source>Export Animation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/time_bar.py" line="150"/>
        <source>1 month in the period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/time_bar.py" line="150"/>
        <source>{n} months in the period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../toolbars/time_bar.py" line="153"/>
        <source>{month}  ({i} of {n})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TradeController</name>
    <message>
        <location filename="../app/trade_controller.py" line="70"/>
        <source>Opening the trade store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/trade_controller.py" line="98"/>
        <source>Trade store: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/trade_controller.py" line="103"/>
        <source>Trade data unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/trade_controller.py" line="104"/>
        <source>The trade store could not be opened:
{err}

The map still works; trade filters are disabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/trade_controller.py" line="118"/>
        <source>{what} — updated in {ms:.0f} ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/trade_controller.py" line="124"/>
        <source>Import BTS files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/trade_controller.py" line="132"/>
        <location filename="../app/trade_controller.py" line="135"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/trade_controller.py" line="132"/>
        <source>The trade store is still opening.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/trade_controller.py" line="135"/>
        <source>An import is already running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/trade_controller.py" line="148"/>
        <source>Import failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/trade_controller.py" line="149"/>
        <source>Import failed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <location filename="../../cli/main.py" line="66"/>
        <source>Frontera Atlas cannot start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="model_messages.py" line="6"/>
        <source>For US imports from Mexico the Mexican state of origin is not recorded: imports appear as &apos;Not recorded&apos; and a Mexican-state filter keeps exports only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="7"/>
        <source>The US state of an import is the state of the importer of record, not necessarily where the goods are used; the Mexican state -&gt; port -&gt; US state chain exists for exports only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="8"/>
        <source>The Mexican-state breakdown covers trade with Mexico only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="9"/>
        <source>Legacy code BN (Baja California Norte) is counted as BC; DF is Ciudad de Mexico; XX and OT are unknown states.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="10"/>
        <source>Port codes ending in XX (e.g. 23XX) are district-level records whose port is not identified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="11"/>
        <source>Surface-mode port x commodity data (DOT3) start in 2007; air and vessel start in November 2003.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="12"/>
        <source>Shipping weight is not reported for US exports by land modes (zero); freight charges are not reported for exports to Mexico.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="13"/>
        <source>The store holds no {tables_list} data for this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="14"/>
        <source>{count_n} month(s) in the period ({span}) have data only in tables without the requested dimensions and are left out; this answer needs {tables_list}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="15"/>
        <source>Figures come from {description}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="16"/>
        <source>The store holds data for {have_n} of the {expected_n} months in the period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="17"/>
        <source>Figures come from {table} for {span}: no raw BTS table in the store holds every month of the period, so a table compiled from the BTS raw files answers it whole.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="18"/>
        <source>The Mexican-state table holds US exports by surface modes only and leaves out exports with no state recorded (OT, XX; air and vessel carry none).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="19"/>
        <source>BTS published no raw file for October 2020; the summary derives that month from the 2020 annual file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="20"/>
        <source>{file} holds {table} for {month_ym} only in part ({raw_usd} against {summary_usd} in the BTS monthly totals, {gap_usd} short); that month is not used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="21"/>
        <source>{file} holds {table} for {month_ym} only in part ({raw_usd} against {summary_usd} in the BTS monthly totals, {gap_usd} short); no other table answers this month, so its figures are incomplete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="22"/>
        <source>{count_n} months of {table} from {from_ym} to {to_ym} are held only in part ({gap_usd} short of the BTS monthly totals in all; the largest gap is {month_ym} in {file}); those months are not used.</source>
        <oldsource>{count_n} months of {table} ({span}) are held only in part ({gap_usd} short of the BTS monthly totals in all; the largest gap is {month_ym} in {file}); those months are not used.</oldsource>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="23"/>
        <source>{count_n} months of {table} from {from_ym} to {to_ym} are held only in part ({gap_usd} short of the BTS monthly totals in all; the largest gap is {month_ym} in {file}); no other table answers them, so their figures are incomplete.</source>
        <oldsource>{count_n} months of {table} ({span}) are held only in part ({gap_usd} short of the BTS monthly totals in all; the largest gap is {month_ym} in {file}); no other table answers them, so their figures are incomplete.</oldsource>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="24"/>
        <source>{value_usd} has no state recorded (codes {codes_list}); it is listed apart and not shaded as a state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="25"/>
        <source>{ports_list} are shown combined: BTS split or merged these ports ({notes_list}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="26"/>
        <source>Source: {source} ({tables_list}), {span} ({count_n} months).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="27"/>
        <source>No table in the store holds this filter&apos;s data for the period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="28"/>
        <source>BTS does not publish {dims} together: DOT1 has US state x port x Mexican state, DOT2 US state x commodity x Mexican state, DOT3 port x commodity; remove one of these filters or choose another breakdown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="29"/>
        <source>Mexican states do not apply to trade with Canada; set the country to Mexico or remove the Mexican-state filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="30"/>
        <source>Canadian provinces do not apply to trade with Mexico.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="31"/>
        <location filename="model_messages.py" line="103"/>
        <source>{detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="32"/>
        <source>{direction_msg} {partner_msg}, {period_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="33"/>
        <source>{base_msg}; {filters_list}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="34"/>
        <source>US exports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="35"/>
        <source>US imports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="36"/>
        <source>US trade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="37"/>
        <source>with Mexico</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="38"/>
        <source>with Canada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="39"/>
        <source>with Mexico and Canada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="40"/>
        <source>all months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="41"/>
        <location filename="model_messages.py" line="197"/>
        <source>{month_ym}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="42"/>
        <source>{lo_ym} to {hi_ym}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="43"/>
        <source>Trade value by US state, US$ — {scope_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="44"/>
        <source>Trade value by Mexican state, US$ — {scope_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="45"/>
        <source>Trade value by Canadian province, US$ — {scope_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="46"/>
        <source>Trade value by port, US$ — {scope_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="47"/>
        <source>{title_msg}. Source: {source}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="48"/>
        <source>{side_msg} shading shows {period_msg}, the latest whole year held; ports and flows show {filter_msg}. Choosing a period makes the states follow it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="49"/>
        <source>{layer_msg} figures cover {held_msg} only: {source} holds no later or earlier month of the period chosen ({period_msg}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="50"/>
        <source>No port figures for {period_msg}: port-level trade comes from the BTS DOT1 raw months, held through {last_ym}; the annual summaries have no ports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="51"/>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="52"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="53"/>
        <source>{measure_msg} entering the US, {period_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="54"/>
        <source>Incoming trucks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="55"/>
        <source>Loaded truck containers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="56"/>
        <source>Loaded rail containers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="57"/>
        <source>Trains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="58"/>
        <source>No {side_msg} figures for {period_msg}: state-level trade comes from the BTS DOT1/DOT2 tables, which the store holds only for some months. Pick a period with DOT1/DOT2 data, or import those files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="59"/>
        <location filename="model_messages.py" line="171"/>
        <source>US state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="60"/>
        <location filename="model_messages.py" line="172"/>
        <source>Mexican state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="61"/>
        <source>Canadian province</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="62"/>
        <source>BTS records no Mexican state of origin for US imports: Mexican state figures cover US exports (destination state) only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="63"/>
        <source>Mexican states are not shaded for US imports: BTS records no Mexican state of origin for imports. Choose exports to shade Mexican states.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="64"/>
        <source>{value_usd} ({share_share}) of the {side_msg} figures has no recorded state ({names_list}); it is listed apart and not shaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="65"/>
        <source>No border-crossing counts for {period_msg}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="66"/>
        <source>No data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="67"/>
        <source>{lower_usd} – {upper_usd}  ({count_n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="68"/>
        <source>{value_usd} of trade through this port ({share_share} of the ports shown), {period_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="69"/>
        <source>{value_n} {measure_msg} ({share_share} of the ports shown), {period_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="70"/>
        <source>{value_usd}, {share_share} of the states shaded, rank {rank_n} of {count_n}, {period_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="71"/>
        <source>No figure for this state, {period_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="72"/>
        <source>Under the current filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="73"/>
        <source>{count_n} smaller flows, {share_share} of value, hidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="74"/>
        <source>1 smaller flow, {share_share} of value, hidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="75"/>
        <source>{count_n} flows, {share_share} of value, not drawn (no location for their port)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="76"/>
        <source>1 flow, {share_share} of value, not drawn (no location for its port)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="77"/>
        <source>{parts_list}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="78"/>
        <source>Trade value ({units})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="79"/>
        <source>Trade value ({units}), {period}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="80"/>
        <source>No flows for this filter: {reason_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="81"/>
        <source>No flows for this period: flows need BTS DOT1 data (US state × port × Mexican state), which the store does not hold for {period_msg}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="82"/>
        <source>Through this port: {value_usd} ({share_share} of the filtered flows)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="83"/>
        <source>Leaving: {out_usd} · arriving: {in_usd} ({share_share} of the filtered flows)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="84"/>
        <location filename="model_messages.py" line="363"/>
        <source>{origin} → {port} → {dest}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="85"/>
        <source>{origin} → {dest}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="86"/>
        <source>{origin} → {port} → {dest} (importer of record)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="87"/>
        <source>{origin} → {dest} (importer of record)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="88"/>
        <location filename="model_messages.py" line="422"/>
        <source>{parts_list}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="89"/>
        <source>US export to {partner_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="90"/>
        <source>US import from {partner_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="91"/>
        <location filename="model_messages.py" line="182"/>
        <source>Mexico</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="92"/>
        <source>Canada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="93"/>
        <source>{value_usd} ({units} {raw}) · {share_share} of the filtered total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="94"/>
        <source>{value_usd} ({units} {raw}) · {share_share} of the table total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="95"/>
        <source>{raw} {units} · {share_share} of the table total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="96"/>
        <source>{text_msg}, {period}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="97"/>
        <source>BTS does not record the Mexican state of origin of imports; the US state is the importer of record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="98"/>
        <source>The destination state is not recorded for this flow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="99"/>
        <source>{column} &apos;{value}&apos; is not a non-negative whole number ({why})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="100"/>
        <source>{column} &apos;{value}&apos; is too large (BTS amounts stay below 9,223,372,036,854,775,808)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="101"/>
        <source>{column} is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="102"/>
        <source>{column} is too long ({length_n} characters; a BTS field has at most {limit}); the record was skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="104"/>
        <source>a quoted field holds a line break (the record runs over lines {line}-{last}); BTS files have none, so the record was skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="105"/>
        <source>exact duplicate of {first}; counted once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="106"/>
        <source>{key} also appears on {other} with {column} {other_value}; {rule}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="107"/>
        <source>{file} has a header but no data rows; nothing was imported from it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="108"/>
        <source>{file}: none of its {rows_n} rows is valid; nothing was imported from it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="109"/>
        <source>{file} was already imported (import #{import_id}, {when}; same content, SHA-256 {sha}); nothing to do for it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="110"/>
        <source>{file} has the same content as {other}; imported once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="111"/>
        <source>kept {rows_n} stored rows ({what}, {value}) of {slice} that {files} lack(s); to delete them, replace the whole slice ({how})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="112"/>
        <source>replaced the whole of {slice}: deleted {rows_n} stored rows ({what}, {value}) that {files} lack(s); undo with import #{import_id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="113"/>
        <source>Nothing to import: every file was already imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="114"/>
        <source>Cannot read {file}: {detail}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="115"/>
        <source>{file} is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="116"/>
        <source>{file} is not a text (CSV) file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="117"/>
        <source>{file}, line {line}: the file is not valid CSV ({detail}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="118"/>
        <source>{file} is not an origin–destination table: no {missing_msg} found in its header ({header}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="119"/>
        <source>origin and destination (names/codes, or lon/lat columns such as origin_lon, origin_lat, dest_lon, dest_lat)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="120"/>
        <source>value column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="121"/>
        <source>origin and destination (names/codes, or lon/lat columns such as origin_lon, origin_lat, dest_lon, dest_lat) and no value column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="122"/>
        <source>The file is not UTF-8; it was read as Windows-1252 (Latin-1). Check accented names, or save the file as UTF-8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="123"/>
        <source>No row could be loaded; see the problems below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="124"/>
        <source>{loaded_n} of {read_n} rows loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="125"/>
        <source>{file}, line {line}: {reason_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="126"/>
        <source>{name} was read as {place_msg}, not {others_list}; write a code to choose another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="127"/>
        <source>origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="128"/>
        <source>destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="129"/>
        <source>column {column} is too long ({length_n} characters; at most {limit_n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="130"/>
        <source>column {column} holds a control character ({char}): the file may be damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="131"/>
        <source>the value ({column}) is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="132"/>
        <source>{column} &apos;{value}&apos; is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="133"/>
        <source>{column} &apos;{value}&apos; is negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="134"/>
        <source>{column} &apos;{value}&apos; is out of range (more than {limit})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="135"/>
        <source>{column} &apos;{value}&apos; cannot be read safely: the file writes numbers both as 1,234.56 and as 1.234,56, so it is unclear whether &apos;.&apos; or &apos;,&apos; separates thousands; write plain digits with a decimal point (1234.56)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="136"/>
        <source>{column} &apos;{value}&apos; is ambiguous: {as_point} with a decimal point, {as_comma} with a decimal comma, and nothing else in the file tells which; write plain digits with a decimal point (1234.56)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="137"/>
        <source>{end_msg} coordinates &apos;{lon}&apos;, &apos;{lat}&apos; are not numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="138"/>
        <source>{end_msg} coordinates {lon}, {lat} are out of range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="139"/>
        <source>{end_msg} point {lon}, {lat}: longitude and latitude look swapped (lon, lat = {lat}, {lon} is in North America)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="140"/>
        <source>{end_msg} point {lon}, {lat} is outside North America: its longitude is east of Greenwich, North American longitudes are negative (did you mean {fixed}?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="141"/>
        <source>{end_msg} point {lon}, {lat} is outside North America: its latitude is south of the equator (did you mean {fixed}?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="142"/>
        <source>{end_msg} point 0, 0 is not in North America (an empty cell read as zero?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="143"/>
        <source>{end_msg} point {lon}, {lat} is outside North America</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="144"/>
        <source>{end_msg} is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="145"/>
        <source>{end_msg}: unknown place &apos;{name}&apos; (not a state, province, port or city known to the app)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="146"/>
        <source>{end_msg}: ambiguous place &apos;{name}&apos;: could be {options_list}; write a code or add the state (e.g. &apos;{example}&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="147"/>
        <source>{name} ({kind_msg})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="148"/>
        <source>US state {ref}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="149"/>
        <source>Mexican state {ref}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="150"/>
        <source>Canadian province {ref}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="151"/>
        <source>port {ref}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="152"/>
        <source>city</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="153"/>
        <source>{lo_ym} – {hi_ym}: BTS published no raw TransBorder files for October–December 2020.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="154"/>
        <source>{lo_ym} – {hi_ym}: the store holds no trade data for these {count_n} month(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="155"/>
        <source>{month_ym}: {sources_list}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="156"/>
        <source>{count_n} month(s) of the period have no trade data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="157"/>
        <source>{file}: no such project file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="158"/>
        <source>{file} is not a Frontera project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="159"/>
        <source>{file} is damaged or truncated ({detail}); nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="160"/>
        <source>{file} was saved by a newer Frontera (project schema {found}); this version reads schema {supported} and older.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="161"/>
        <source>{file} holds an analysis this version cannot read: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="162"/>
        <source>{file}: the folder does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="163"/>
        <source>{file} could not be saved: {detail}. The previous file is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="164"/>
        <source>The store&apos;s figures for this view differ from those the project was saved with ({figure}: {saved_usd} then, {now_usd} now): data were imported or removed since.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="165"/>
        <source>{part}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="166"/>
        <source>{part}: {field} = {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="167"/>
        <source>{part}: {field} = {value} (+{more_n} more)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="168"/>
        <source>Unknown profile kind {kind}; use one of: {kinds_list}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="169"/>
        <source>No {kind} with the id {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="170"/>
        <source>Land port of entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="173"/>
        <source>Border corridor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="174"/>
        <source>Industrial park</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="175"/>
        <source>Manufacturing cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="176"/>
        <source>Mexican seaport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="177"/>
        <source>US seaport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="178"/>
        <source>US–Mexico border</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="179"/>
        <source>US–Canada border</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="180"/>
        <source>North America</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="181"/>
        <source>United States</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="183"/>
        <source>{coast} coast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="184"/>
        <source>{name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="185"/>
        <source>ports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="186"/>
        <source>US states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="187"/>
        <source>Mexican states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="188"/>
        <source>borders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="189"/>
        <source>over all months held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="190"/>
        <source>in {year}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="191"/>
        <source>in {lo}–{hi}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="192"/>
        <source>in {month_ym}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="193"/>
        <source>from {lo_ym} to {hi_ym}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="194"/>
        <source>all months held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="195"/>
        <source>{year}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="196"/>
        <source>{lo}–{hi}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="198"/>
        <source>{lo_ym} – {hi_ym}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="199"/>
        <source>US exports to Mexico</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="200"/>
        <source>US exports to Canada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="201"/>
        <source>US exports to Mexico and Canada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="202"/>
        <source>US imports from Mexico</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="203"/>
        <source>US imports from Canada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="204"/>
        <source>US imports from Mexico and Canada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="205"/>
        <source>US trade with Mexico</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="206"/>
        <source>US trade with Canada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="207"/>
        <source>US trade with Mexico and Canada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="208"/>
        <source>{flow_msg} by {modes_list}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="209"/>
        <source>{flow_msg} in HS chapter(s) {codes_list}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="210"/>
        <source>{name} handled {value_usd} of {flow_msg} {period_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="211"/>
        <source>{name} shipped {value_usd} of {flow_msg} {period_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="212"/>
        <source>{name} (as importer of record) took {value_usd} of {flow_msg} {period_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="213"/>
        <source>{name} accounted for {value_usd} of {flow_msg} {period_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="214"/>
        <source>{name} received {value_usd} of {flow_msg} {period_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="215"/>
        <source>{zone} lies in {name}, which received {value_usd} of {flow_msg} {period_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="216"/>
        <source>The {name} carried {value_usd} of {flow_msg} {period_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="217"/>
        <source>The store holds no {flow_msg} for {name} {period_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="218"/>
        <source>{name} is a {size} {type} harbour on the {coast} coast (World Port Index); BTS TransBorder holds no trade for Mexican seaports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="219"/>
        <source>{name} is a {size} {type} harbour on the {coast} coast (World Port Index).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="220"/>
        <source>{change_change} on {when_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="221"/>
        <source>{change_change} on {when_msg} (the {count_n} months held in both)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="222"/>
        <source>ranked {rank_n} of {count_n} {peers_msg} with data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="223"/>
        <source>{share_share} by {mode}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="224"/>
        <source>{lead_msg}, {clauses_list}; {mode_msg}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="225"/>
        <source>{lead_msg}, {clauses_list}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="226"/>
        <source>{lead_msg}; {mode_msg}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="227"/>
        <source>{lead_msg}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="228"/>
        <source>Trade value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="229"/>
        <source>Trade value of {owner}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="230"/>
        <source>Change on a year earlier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="231"/>
        <source>Change over 5 years</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="232"/>
        <source>Share of the corridor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="233"/>
        <source>Share of US trade with Mexico and Canada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="234"/>
        <source>Rank among {peers_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="235"/>
        <source>Import value per loaded truck container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="236"/>
        <source>RETC facilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="237"/>
        <source>Industrial parks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="238"/>
        <source>Exports to all destinations, {year} (INEGI)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="239"/>
        <source>{value_usd}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="240"/>
        <source>{value_change}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="241"/>
        <source>{value_share}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="242"/>
        <location filename="model_messages.py" line="378"/>
        <source>{rank_n} of {count_n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="243"/>
        <location filename="model_messages.py" line="377"/>
        <source>{value_n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="244"/>
        <source>{value_usd} per container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="245"/>
        <source>{value} m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="246"/>
        <source>{text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="247"/>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="248"/>
        <source>{count_n} others</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="249"/>
        <source>Not held for {period_msg}; nearest period held: {near_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="250"/>
        <source>Not held for {period_msg}, nor for any other period in the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="251"/>
        <source>of {total_usd}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="252"/>
        <source>not ranked ({count_n} with data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="253"/>
        <source>on the {count_n} months held in both periods ({span})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="254"/>
        <source>{when_msg} is not held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="255"/>
        <source>no trade in {when_msg} to compare with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="256"/>
        <source>{rate_change} a year; {base_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="257"/>
        <source>{rate_change} a year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="258"/>
        <source>{count_n} months of the period are held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="259"/>
        <source>Hollow points: years whose months are not all held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="260"/>
        <source>{count_n} months of counts in the period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="261"/>
        <source>{count_n} months with both import truck value and loaded truck counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="262"/>
        <source>No month of the period holds both import truck value and loaded truck counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="263"/>
        <source>All destinations, not only the US</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="264"/>
        <source>No INEGI export figures for this state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="265"/>
        <source>No RETC facilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="266"/>
        <source>No location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="267"/>
        <source>No World Port Index harbour facts for this seaport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="268"/>
        <source>{count_n} industrial parks with {facilities_n} RETC facilities within {km} km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="269"/>
        <source>No industrial park within {km} km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="270"/>
        <source>{count_n} industrial parks with {facilities_n} RETC facilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="271"/>
        <source>Membership: the {count_n} RETC 2022 facilities that name this park as their industrial park ({municipality}, {state}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="272"/>
        <source>Membership: the {count_n} RETC 2022 facilities in {places}, {parks_n} industrial parks among them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="273"/>
        <source>Trade value by month, US$</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="274"/>
        <source>Trade value by year, US$</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="275"/>
        <source>Top commodities (HS chapters), US$</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="276"/>
        <source>Trade value by mode, US$</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="277"/>
        <source>Top US states, US$</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="278"/>
        <source>US states of origin, US$</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="279"/>
        <source>Top Mexican states (US exports), US$</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="280"/>
        <source>Top ports, US$</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="281"/>
        <source>Ports its US exports cross, US$</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="282"/>
        <source>{measure_msg} by month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="283"/>
        <source>RETC facilities by sector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="284"/>
        <source>Industrial parks by RETC facilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="285"/>
        <source>Industrial parks within {km} km (RETC facilities)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="286"/>
        <source>Harbour facts (World Port Index)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="287"/>
        <source>Exports by subsector, {year} (INEGI, all destinations), US$</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="288"/>
        <source>Exports by year (INEGI, all destinations), US$</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="289"/>
        <source>Harbour size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="290"/>
        <source>Harbour type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="291"/>
        <source>Harbour use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="292"/>
        <source>Shelter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="293"/>
        <source>Channel depth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="294"/>
        <source>Cargo pier depth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="295"/>
        <source>Anchorage depth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="296"/>
        <source>Largest vessel length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="297"/>
        <source>Largest vessel draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="298"/>
        <source>Container facilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="299"/>
        <source>Ro-ro facilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="300"/>
        <source>Solid bulk facilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="301"/>
        <source>Liquid bulk facilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="302"/>
        <source>Breakbulk facilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="303"/>
        <source>Oil terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="304"/>
        <source>Container cranes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="305"/>
        <source>Rail connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="306"/>
        <source>Repairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="307"/>
        <source>Dry dock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="308"/>
        <source>Mexican-state figures are US exports to the state: BTS records no Mexican state of origin for US imports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="309"/>
        <source>Trade figures for {zone} are those of {state}, the state it lies in: BTS TransBorder records no trade below the state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="310"/>
        <source>BTS TransBorder holds no trade for Mexican seaports: it records US trade with Mexico and Canada at US ports of entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="311"/>
        <source>BTS TransBorder records vessel trade by US port code; this harbour is not matched to one, so no trade figures are shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="312"/>
        <source>Value per loaded truck container: US import value by truck through the port divided by the loaded truck containers counted entering there, over the same months.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="313"/>
        <source>RETC lists facilities that report pollutant releases and transfers; it is not a complete list of plants or IMMEX establishments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="314"/>
        <source>INEGI exports count goods leaving the state for all destinations (2007–2018); BTS counts US trade only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="315"/>
        <source>{flow_msg}, {period_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="316"/>
        <source>Trade value of the view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="317"/>
        <source>Sources: {sources_list}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="318"/>
        <source>No trade figures for this view: {reason_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="319"/>
        <source>{file} cannot be read: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="320"/>
        <source>{file} holds no rows: no header naming its columns was found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="321"/>
        <source>the header is on line {line_n}, not on the first line; the lines above it were skipped: {skipped}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="322"/>
        <source>{file}: the shapefile&apos;s {parts_list} file is missing; a shapefile needs its .shp, .shx and .dbf side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="323"/>
        <source>--map {column}=…: {file} has no column {column} (its columns: {columns})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="324"/>
        <source>--map {column}={field}: {field} is not a field (id, name, type, tier, lat, lon, city, state, country, attr:NAME, ignore)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="325"/>
        <source>--map {column}={field}: {field} is not a lane field (id, from, to, value, volume, mode, hs, port, ignore)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="326"/>
        <source>the file has no id column: each row&apos;s id is its line number (L2, L3, …)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="327"/>
        <source>the id is empty; the row was not imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="328"/>
        <source>id {id} already appears on line {first}; this row was not imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="329"/>
        <source>{column} &apos;{value}&apos; is not a number; left empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="330"/>
        <source>only one of latitude and longitude is given; the row was not imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="331"/>
        <source>{detail}; the row was not imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="332"/>
        <source>the coordinates are 0, 0 ({lat}, {lon}): a blank written as zero? Give the site&apos;s position or its place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="333"/>
        <source>a Mexican site with positive longitude {lon}: Mexico lies west of Greenwich (longitude −86 to −118); write it negative or name the column LONGITUD OESTE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="334"/>
        <source>latitude {lat} and longitude {lon} look swapped: read the other way round the site is in North America; fix the file or map the columns the other way</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="335"/>
        <source>latitude {lat} / longitude {lon} is out of range (latitude −90 to 90, longitude −180 to 180)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="336"/>
        <source>latitude {lat} / longitude {lon} lies outside the US, Mexico and Canada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="337"/>
        <source>the file says country {written} but the coordinates lie in {found}; the coordinates were kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="338"/>
        <source>the row names state {written} but the coordinates lie {km} km outside it (in {found}); the coordinates were kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="339"/>
        <source>place &apos;{place}&apos; may be {candidates_list}; pick one or click the map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="340"/>
        <source>place &apos;{place}&apos; is not in the gazetteer; click the map to place it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="341"/>
        <source>no coordinates and no place (city, state) to find the site by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="342"/>
        <source>the lane&apos;s {end} facility is empty; the row was not imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="343"/>
        <source>{end} facility {id} is not in the network; the row was not imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="344"/>
        <source>mode &apos;{value}&apos; is not known (truck, rail, air, vessel, pipeline, other); the row was not imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="345"/>
        <source>{column} &apos;{value}&apos; is not a non-negative number; the row was not imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="346"/>
        <source>the lane has neither an annual value nor a volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="347"/>
        <source>{file}: the lanes&apos; {field} is mapped from two columns ({columns_list}); map it from one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="348"/>
        <source>{file}: no column holds the lanes&apos; {field} facility; map one to &apos;{field}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="349"/>
        <source>port {port} is not a land port of entry; the lane is routed by the shortest detour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="350"/>
        <source>the port assigned to the lane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="351"/>
        <source>the {mode} port with the shortest detour ({detour_km} km)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="352"/>
        <source>no land port handles {mode} by the crossing counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="353"/>
        <source>facility {id} has no position yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="354"/>
        <source>{mode} lanes do not cross at a land port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="355"/>
        <source>{share_share} of cross-border value relies on one port ({port})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="356"/>
        <source>{count_n} cross-border lanes worth {value_usd} are not routed: {reason_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="357"/>
        <source>A facility belongs to a manufacturing cluster when its municipality is one of the cluster&apos;s (as the drill-down counts RETC facilities), else to the nearest cluster within {km} km.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="358"/>
        <source>Ports sized by the company&apos;s cross-border value (exposure)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="359"/>
        <source>Company facilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="360"/>
        <source>Company lanes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="361"/>
        <source>Annual value of cross-border lanes ({units})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="362"/>
        <source>Company lane {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="364"/>
        <source>{origin} → {dest} (not routed through a land port)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="365"/>
        <source>{mode} · {value_usd} a year · {share_share} of the company&apos;s cross-border value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="366"/>
        <source>Company cross-border value through this port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="367"/>
        <source>Company cross-border value of its facilities in this state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="368"/>
        <source>Company cross-border value of its facilities in this cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="369"/>
        <source>Share of the company&apos;s cross-border value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="370"/>
        <source>Company cross-border lanes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="371"/>
        <source>Company facilities behind these lanes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="372"/>
        <source>Company facilities in this state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="373"/>
        <source>Company facilities in this cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="374"/>
        <source>Rank among the company&apos;s crossings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="375"/>
        <source>{value_usd} a year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="376"/>
        <source>{share_share} of {total_usd} a year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="379"/>
        <source>None of the company&apos;s {lanes_n} cross-border lanes crosses here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="380"/>
        <source>Annual values from the company&apos;s lane file. A lane between facilities in two countries crosses at the port assigned to it, else at the land port with the shortest detour that handles its mode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="381"/>
        <source>A cross-border lane counts for the Mexican state of its Mexican facility (annual values from the company&apos;s lane file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="382"/>
        <source>This park lies in the {cluster} cluster: the company&apos;s figures are the cluster&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="383"/>
        <source>This park lies in no manufacturing cluster: the company&apos;s facilities are counted by cluster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="384"/>
        <source>Period: {start_ym} to {end_ym}, the latest full year of DOT1 flows the store holds (the default).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="385"/>
        <source>Period: {start_ym} to {end_ym}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="386"/>
        <source>Capacity per port and mode: the highest monthly count of loaded truck or rail containers in the {months} months to {end_ym}, unless overridden.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="387"/>
        <source>Current load: the mean monthly count of loaded containers from {start_ym} to {end_ym}; headroom = capacity − load.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="388"/>
        <source>Value per loaded container: US import value by truck (rail) through the port ÷ the inbound loaded truck (rail) containers counted there, same port and months, as in the drill-down; ports without both use the border average ({truck_usd} a truck, {rail_usd} a rail container).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="389"/>
        <source>Crossing counts are northbound only: northbound capacity and load come from them. Southbound (US exports) load is export value ÷ the port&apos;s value per container; southbound capacity is {ratio_share} of the northbound capacity (an editable assumption).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="390"/>
        <source>Added detour in great-circle km: exports Mexican state → port → US state against the closed port; imports, whose Mexican origin BTS does not record, on the US side: closed port → new port → US state against closed port → US state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="391"/>
        <source>Freight is reassigned to ports handling the same mode by one linear program (HiGHS) that minimises the added detour within their headroom over the {days} days, adding at most {km} km; what does not fit waits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="392"/>
        <source>Waiting freight builds up evenly while closed and clears after the reopening at the reopened port&apos;s headroom; value-days at risk = value delayed × (days closed + days to clear) ÷ 2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="393"/>
        <source>Extra truck-km: rerouted loaded truck containers × added detour, one container a truck.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="394"/>
        <source>{ports_list} at {capacity_share} of capacity for {days} days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="395"/>
        <source>One bridge of {port} carries {share_share} of the port&apos;s capacity (user-entered).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="396"/>
        <source>Capacity of {port} ({mode}) set by the user to {value}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="397"/>
        <source>New crossing {name} ({port}, {mode}) at {lon}, {lat}: a capacity of {capacity} loaded containers a month (user-entered), empty before the closure; its value per container is the border average ({value_usd}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="398"/>
        <source>Company lanes through a closed port: value at risk = the lane&apos;s annual value ÷ 365 × days × the share of the port&apos;s freight in the lane&apos;s direction that no longer fits; of it, the share of the port&apos;s freight the program reroutes goes through the receiving port (of those that took it) adding the least detour from the lane&apos;s own origin to its own destination: origin facility → new port → destination facility against origin facility → closed port → destination facility (great-circle), so for imports the Mexican side is measured from the company&apos;s facility, which BTS does not record; extra truck-km = rerouted value ÷ the closed port&apos;s value per loaded container × that detour.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="399"/>
        <source>{port} carries {mode} freight in the flows but has no {mode} counts: its waiting {mode} freight is taken to clear on reopening.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="400"/>
        <source>The backlog at {port} ({mode}) does not clear: the port has no headroom.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="401"/>
        <source>Tariff of {tariff_share} on US imports from Mexico (HS chapters: {scope}), {usmca_share} exempt as USMCA-compliant; value at risk = value × (1 − exempt) × (1 − (1 + tariff)^−elasticity) = {factor_share} of the value (full pass-through).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="402"/>
        <source>Trade elasticity {elasticity} (default {default}: {source}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="403"/>
        <source>The store cannot break the tariff&apos;s value at risk down by {by} for this period and filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="404"/>
        <source>Company lanes from a Mexican to a US facility: value at risk = the lane&apos;s annual value × {factor_share}, the same rule as the public figures, when the lane&apos;s HS chapter is covered (chapters: {scope}); {count_n} lanes worth {value_usd} a year are counted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="405"/>
        <source>{count_n} company lanes worth {value_usd} a year have no HS chapter: they are listed as &apos;HS unknown&apos; and not counted (the tariff covers chosen chapters only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="406"/>
        <source>{port} is not a land port on the Mexican border with crossing counts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="407"/>
        <source>The store holds no full year of DOT1 flows; choose a period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="408"/>
        <source>The reassignment could not be solved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="409"/>
        <source>Colour: a receiving port&apos;s load while the ports are closed ÷ its capacity, in loaded {modes_list} containers a month, northbound (Border Crossing counts); capacity = the highest month of the {months} to {end_ym}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="410"/>
        <source>Width: value rerouted over the {days} days (widest {max_usd}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="411"/>
        <source>Scenario: {ports_list} at {capacity_share} of capacity for {days} days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="412"/>
        <source>Tariff: {tariff_share} on US imports from Mexico (HS chapters: {scope}), {usmca_share} USMCA-exempt, elasticity {elasticity}; values over {start_ym} to {end_ym}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="413"/>
        <source>Company: {count_n} lanes of the company network, {hit_n} of them through a closed port; their value at risk is over the {days} days of the closure (the tariff&apos;s: a year), per facility on the side shipping (supplier) or receiving (customer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="414"/>
        <source>Units: values in US$ over the {days} days of the closure (tariff: over its period); loads and capacities in loaded containers a month, northbound; detours in km.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="415"/>
        <source>Sources: BTS TransBorder Freight Data, table DOT1 (US state × port × Mexican state), {start_ym} to {end_ym}; BTS Border Crossing Entry Data (loaded truck and rail containers), {from_ym} to {end_ym}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="416"/>
        <source>Unknown setting {key} in the {part} part of the session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="417"/>
        <source>The session&apos;s {part}.{key} has an invalid value {value}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="418"/>
        <source>This analysis was saved by a newer Frontera (session schema {found}); this version reads schema {supported} and older.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="419"/>
        <source>This is not a Frontera session (no schema version).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="420"/>
        <source>US–Mexico border: land ports of entry, seaports and industrial zones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="421"/>
        <source>US–Mexico border trade: {scope_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="423"/>
        <source>US states shaded by trade value (US$)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="424"/>
        <source>Mexican states shaded by US exports (US$)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="425"/>
        <source>Land ports sized by trade value (US$)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="426"/>
        <source>Land ports sized by {measure_msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="427"/>
        <source>Flows: width by trade value (US$)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="428"/>
        <source>{km} km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="429"/>
        <source>{m} m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="model_messages.py" line="430"/>
        <source>Sources: {sources_list}. {projection}. Made with Frontera Atlas.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../panels/profile_panel.py" line="339"/>
        <source>Save Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../panels/profile_panel.py" line="345"/>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.window</name>
    <message>
        <location filename="../app/project_controller.py" line="226"/>
        <source>Project not opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/project_controller.py" line="251"/>
        <source>The data changed since this project was saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/project_controller.py" line="253"/>
        <source>Continue with today&apos;s figures, or press Show Details to see every figure that changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/project_controller.py" line="278"/>
        <source>Project not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/project_controller.py" line="284"/>
        <source>Saved {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/project_controller.py" line="374"/>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>w</name>
    <message>
        <location filename="../app/project_controller.py" line="89"/>
        <source>&amp;New Project</source>
        <extracomment>the company network (geo.network.model.Network) was imported, undone, opened or reset</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/project_controller.py" line="90"/>
        <source>&amp;Open Project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/project_controller.py" line="91"/>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/project_controller.py" line="93"/>
        <source>&amp;Save Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/project_controller.py" line="94"/>
        <source>Save Project &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/project_controller.py" line="96"/>
        <location filename="../app/project_controller.py" line="161"/>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/project_controller.py" line="99"/>
        <location filename="../app/project_controller.py" line="162"/>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/project_controller.py" line="100"/>
        <source>Ctrl+Shift+Z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/project_controller.py" line="104"/>
        <source>Revert Company &amp;Network Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/project_controller.py" line="161"/>
        <source>&amp;Undo {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/project_controller.py" line="162"/>
        <source>&amp;Redo {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/project_controller.py" line="167"/>
        <location filename="../app/project_controller.py" line="179"/>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/project_controller.py" line="168"/>
        <source>{name}[*] — Frontera Atlas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/project_controller.py" line="177"/>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/project_controller.py" line="178"/>
        <source>Save the changes to {name}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/project_controller.py" line="195"/>
        <source>Frontera projects (*.frontera)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/project_controller.py" line="197"/>
        <source>Save Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/project_controller.py" line="198"/>
        <source>Open Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/project_controller.py" line="313"/>
        <source>Recover unsaved work?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/project_controller.py" line="314"/>
        <source>Frontera did not close cleanly. Recover the analysis autosaved at {path}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/project_controller.py" line="322"/>
        <source>Recovery failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
