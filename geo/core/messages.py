"""Text for people leaves the model as a :class:`Message`: a code and its parameters.

The one message catalogue, :data:`CATALOGUE`, maps each code to its English source text.
The view words a message through Qt's translation (``desktop.base.messages.word``, which
the window and the command line both use), so a translation catalogue can catch every
sentence; ``scripts/update_translations.py`` writes the catalogue into the ``.ts`` file.
:meth:`Message.english` words it without Qt, for logs, exceptions and tests.

Parameters are plain values; how they read depends on their name's suffix:

- ``*_usd``: US dollars, ``$1.43B``;  ``*_share``: a share of a total (0.31 -> ``31%``);
- ``*_change``: a signed relative change (-0.086 -> ``−8.6%``);
- ``*_ym``: a month (202103 -> ``Mar 2021``);  ``*_n``: a count with thousands separators;
- ``*_msg``: a nested :class:`Message` (or its dict), worded in turn;
- ``*_list``: a list of strings or messages, joined with commas (``parts_list``: with
  `` · ``); anything else as ``str()``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from geo.core.formatting import format_change, format_share, format_usd, month_label

#: code -> English source text (``str.format`` fields are parameter names)
CATALOGUE: dict[str, str] = {
    # --- data caveats (geo.query) ---------------------------------------------------------
    "caveat.mx_state_imports": "For US imports from Mexico the Mexican state of origin is not recorded: "
                               "imports appear as 'Not recorded' and a Mexican-state filter keeps exports only.",
    "caveat.us_state_importer": "The US state of an import is the state of the importer of record, not "
                                "necessarily where the goods are used; the Mexican state -> port -> US state "
                                "chain exists for exports only.",
    "caveat.mx_only": "The Mexican-state breakdown covers trade with Mexico only.",
    "caveat.mx_legacy": "Legacy code BN (Baja California Norte) is counted as BC; DF is Ciudad de Mexico; "
                        "XX and OT are unknown states.",
    "caveat.district_codes": "Port codes ending in XX (e.g. 23XX) are district-level records whose port is "
                             "not identified.",
    "caveat.dot3_start": "Surface-mode port x commodity data (DOT3) start in 2007; air and vessel start in "
                         "November 2003.",
    "caveat.weights": "Shipping weight is not reported for US exports by land modes (zero); freight charges "
                      "are not reported for exports to Mexico.",
    "caveat.no_data": "The store holds no {tables_list} data for this period.",
    "caveat.coverage": "{count_n} month(s) in the period ({span}) have data only in tables without the "
                       "requested dimensions and are left out; this answer needs {tables_list}.",
    "caveat.mixed_tables": "Figures come from {description}.",
    "caveat.missing_months": "The store holds data for {have_n} of the {expected_n} months in the period.",
    "caveat.summary_source": "Figures come from {table} for {span}: no raw BTS table in the store holds every "
                             "month of the period, so a table compiled from the BTS raw files answers it whole.",
    "caveat.summary_mx_states": "The Mexican-state table holds US exports by surface modes only and leaves out "
                                "exports with no state recorded (OT, XX; air and vessel carry none).",
    "caveat.summary_oct_2020": "BTS published no raw file for October 2020; the summary derives that month from "
                               "the 2020 annual file.",
    "caveat.partial_month": "{file} holds {table} for {month_ym} only in part ({raw_usd} against {summary_usd} "
                            "in the BTS monthly totals, {gap_usd} short); that month is not used.",
    "caveat.partial_month_used": "{file} holds {table} for {month_ym} only in part ({raw_usd} against "
                                 "{summary_usd} in the BTS monthly totals, {gap_usd} short); no other table "
                                 "answers this month, so its figures are incomplete.",
    "caveat.partial_months": "{count_n} months of {table} from {from_ym} to {to_ym} are held only in part "
                             "({gap_usd} short of the BTS monthly totals in all; the largest gap is {month_ym} in "
                             "{file}); those months are not used.",
    "caveat.partial_months_used": "{count_n} months of {table} from {from_ym} to {to_ym} are held only in "
                                  "part ({gap_usd} short of the BTS monthly totals in all; the largest gap is "
                                  "{month_ym} in {file}); no other table answers them, so their figures are "
                                  "incomplete.",
    "caveat.unassigned_states": "{value_usd} has no state recorded (codes {codes_list}); it is listed apart "
                                "and not shaded as a state.",
    "caveat.port_lineage": "{ports_list} are shown combined: BTS split or merged these ports ({notes_list}).",
    "plan.source": "Source: {source} ({tables_list}), {span} ({count_n} months).",
    "plan.none": "No table in the store holds this filter's data for the period.",
    # --- query errors ---------------------------------------------------------------------
    "error.not_answerable": "BTS does not publish {dims} together: DOT1 has US state x port x Mexican state, "
                            "DOT2 US state x commodity x Mexican state, DOT3 port x commodity; remove one of "
                            "these filters or choose another breakdown.",
    "error.mx_states_canada": "Mexican states do not apply to trade with Canada; set the country to Mexico "
                              "or remove the Mexican-state filter.",
    "error.ca_provinces_mexico": "Canadian provinces do not apply to trade with Mexico.",
    "error.filter": "{detail}",
    # --- thematic styling (geo.styles) ----------------------------------------------------
    "scope.trade": "{direction_msg} {partner_msg}, {period_msg}",
    "scope.filtered": "{base_msg}; {filters_list}",
    "direction.export": "US exports",
    "direction.import": "US imports",
    "direction.both": "US trade",
    "partner.MX": "with Mexico",
    "partner.CA": "with Canada",
    "partner.both": "with Mexico and Canada",
    "period.all": "all months",
    "period.one": "{month_ym}",
    "period.range": "{lo_ym} to {hi_ym}",
    "theme.state_title.us_state": "Trade value by US state, US$ — {scope_msg}",
    "theme.state_title.mx_state": "Trade value by Mexican state, US$ — {scope_msg}",
    "theme.state_title.ca_prov": "Trade value by Canadian province, US$ — {scope_msg}",
    "theme.port_title.trade": "Trade value by port, US$ — {scope_msg}",
    "theme.with_source": "{title_msg}. Source: {source}",
    "theme.states_latest_year": "{side_msg} shading shows {period_msg}, the latest whole year held; ports and "
                                "flows show {filter_msg}. Choosing a period makes the states follow it.",
    "theme.layer_partial": "{layer_msg} figures cover {held_msg} only: {source} holds no later or earlier month "
                           "of the period chosen ({period_msg}).",
    "theme.no_port_figures": "No port figures for {period_msg}: port-level trade comes from the BTS DOT1 raw "
                             "months, held through {last_ym}; the annual summaries have no ports.",
    "layer.ports": "Port",
    "layer.states": "State",
    "theme.port_title.crossings": "{measure_msg} entering the US, {period_msg}",
    "measure.Trucks": "Incoming trucks",
    "measure.Truck Containers Loaded": "Loaded truck containers",
    "measure.Rail Containers Loaded": "Loaded rail containers",
    "measure.Trains": "Trains",
    "theme.no_state_figures": "No {side_msg} figures for {period_msg}: state-level trade comes from the BTS "
                              "DOT1/DOT2 tables, which the store holds only for some months. Pick a period "
                              "with DOT1/DOT2 data, or import those files.",
    "side.us_state": "US state",
    "side.mx_state": "Mexican state",
    "side.ca_prov": "Canadian province",
    "theme.mx_exports_only": "BTS records no Mexican state of origin for US imports: Mexican state figures "
                             "cover US exports (destination state) only.",
    "theme.mx_no_import_states": "Mexican states are not shaded for US imports: BTS records no Mexican state "
                                 "of origin for imports. Choose exports to shade Mexican states.",
    "theme.unassigned": "{value_usd} ({share_share}) of the {side_msg} figures has no recorded state "
                        "({names_list}); it is listed apart and not shaded.",
    "theme.no_crossings": "No border-crossing counts for {period_msg}.",
    "legend.no_data": "No data",
    "legend.class": "{lower_usd} – {upper_usd}  ({count_n})",
    "figure.port_trade": "{value_usd} of trade through this port ({share_share} of the ports shown), {period_msg}",
    "figure.port_count": "{value_n} {measure_msg} ({share_share} of the ports shown), {period_msg}",
    "figure.state": "{value_usd}, {share_share} of the states shaded, rank {rank_n} of {count_n}, {period_msg}",
    "figure.state_none": "No figure for this state, {period_msg}",
    "figure.label": "Under the current filter",
    # --- flows (geo.flows) ----------------------------------------------------------------
    "flows.hidden": "{count_n} smaller flows, {share_share} of value, hidden",
    "flows.hidden_one": "1 smaller flow, {share_share} of value, hidden",
    "flows.unlocated": "{count_n} flows, {share_share} of value, not drawn (no location for their port)",
    "flows.unlocated_one": "1 flow, {share_share} of value, not drawn (no location for its port)",
    "flows.remainder": "{parts_list}.",
    "flows.width_caption": "Trade value ({units})",
    "flows.width_caption_period": "Trade value ({units}), {period}",
    "flows.none_for_filter": "No flows for this filter: {reason_msg}",
    "flows.none_for_period": "No flows for this period: flows need BTS DOT1 data (US state × port × Mexican "
                             "state), which the store does not hold for {period_msg}.",
    "flows.through_port": "Through this port: {value_usd} ({share_share} of the filtered flows)",
    "flows.place_totals": "Leaving: {out_usd} · arriving: {in_usd} ({share_share} of the filtered flows)",
    "flows.tip.route2": "{origin} → {port} → {dest}",
    "flows.tip.route1": "{origin} → {dest}",
    "flows.tip.route2_import": "{origin} → {port} → {dest} (importer of record)",
    "flows.tip.route1_import": "{origin} → {dest} (importer of record)",
    "flows.tip.parts": "{parts_list}",
    "flows.tip.export": "US export to {partner_msg}",
    "flows.tip.import": "US import from {partner_msg}",
    "country.MX": "Mexico",
    "country.CA": "Canada",
    "flows.tip.value": "{value_usd} ({units} {raw}) · {share_share} of the filtered total",
    "flows.tip.value_table": "{value_usd} ({units} {raw}) · {share_share} of the table total",
    "flows.tip.value_units": "{raw} {units} · {share_share} of the table total",
    "flows.tip.period": "{text_msg}, {period}",
    "flows.tip.no_origin": "BTS does not record the Mexican state of origin of imports; the US state is the "
                           "importer of record.",
    "flows.tip.no_dest": "The destination state is not recorded for this flow.",
    # --- BTS imports (geo.imports.report): bad rows, files, notices -------------------------
    "import.row.bad_number": "{column} '{value}' is not a non-negative whole number ({why})",
    "import.row.number_too_large": "{column} '{value}' is too large (BTS amounts stay below "
                                   "9,223,372,036,854,775,808)",
    "import.row.empty": "{column} is empty",
    "import.row.too_long": "{column} is too long ({length_n} characters; a BTS field has at most {limit}); "
                           "the record was skipped",
    "import.row.invalid": "{detail}",
    "import.row.multiline": "a quoted field holds a line break (the record runs over lines {line}-{last}); "
                            "BTS files have none, so the record was skipped",
    "import.row.duplicate": "exact duplicate of {first}; counted once",
    "import.row.conflict": "{key} also appears on {other} with {column} {other_value}; {rule}",
    "import.file.no_rows": "{file} has a header but no data rows; nothing was imported from it",
    "import.file.all_invalid": "{file}: none of its {rows_n} rows is valid; nothing was imported from it",
    "import.file.already_imported": "{file} was already imported (import #{import_id}, {when}; same content, "
                                    "SHA-256 {sha}); nothing to do for it",
    "import.file.same_twice": "{file} has the same content as {other}; imported once",
    "import.file.kept_rows": "kept {rows_n} stored rows ({what}, {value}) of {slice} that {files} lack(s); "
                             "to delete them, replace the whole slice ({how})",
    "import.file.deleted_rows": "replaced the whole of {slice}: deleted {rows_n} stored rows ({what}, {value}) "
                                "that {files} lack(s); undo with import #{import_id}",
    "import.nothing_to_do": "Nothing to import: every file was already imported.",
    # --- a user's origin–destination table (geo.flows.od) -----------------------------------
    "od.cannot_read": "Cannot read {file}: {detail}.",
    "od.empty": "{file} is empty.",
    "od.not_text": "{file} is not a text (CSV) file.",
    "od.bad_csv": "{file}, line {line}: the file is not valid CSV ({detail}).",
    "od.not_od": "{file} is not an origin–destination table: no {missing_msg} found in its header ({header}).",
    "od.missing.places": "origin and destination (names/codes, or lon/lat columns such as origin_lon, "
                         "origin_lat, dest_lon, dest_lat)",
    "od.missing.value": "value column",
    "od.missing.both": "origin and destination (names/codes, or lon/lat columns such as origin_lon, "
                       "origin_lat, dest_lon, dest_lat) and no value column",
    "od.not_utf8": "The file is not UTF-8; it was read as Windows-1252 (Latin-1). Check accented names, "
                   "or save the file as UTF-8.",
    "od.none_loaded": "No row could be loaded; see the problems below.",
    "od.loaded": "{loaded_n} of {read_n} rows loaded",
    "od.problem": "{file}, line {line}: {reason_msg}",
    "od.read_as": "{name} was read as {place_msg}, not {others_list}; write a code to choose another.",
    "od.end.origin": "origin",
    "od.end.destination": "destination",
    "od.row.too_long": "column {column} is too long ({length_n} characters; at most {limit_n})",
    "od.row.control_char": "column {column} holds a control character ({char}): the file may be damaged",
    "od.row.value_empty": "the value ({column}) is empty",
    "od.row.not_number": "{column} '{value}' is not a number",
    "od.row.negative": "{column} '{value}' is negative",
    "od.row.out_of_range": "{column} '{value}' is out of range (more than {limit})",
    "od.row.mixed_styles": "{column} '{value}' cannot be read safely: the file writes numbers both as "
                           "1,234.56 and as 1.234,56, so it is unclear whether '.' or ',' separates "
                           "thousands; write plain digits with a decimal point (1234.56)",
    "od.row.ambiguous_number": "{column} '{value}' is ambiguous: {as_point} with a decimal point, {as_comma} "
                               "with a decimal comma, and nothing else in the file tells which; write plain "
                               "digits with a decimal point (1234.56)",
    "od.row.coords_not_numbers": "{end_msg} coordinates '{lon}', '{lat}' are not numbers",
    "od.row.coords_out_of_range": "{end_msg} coordinates {lon}, {lat} are out of range",
    "od.row.swapped": "{end_msg} point {lon}, {lat}: longitude and latitude look swapped (lon, lat = "
                      "{lat}, {lon} is in North America)",
    "od.row.east_longitude": "{end_msg} point {lon}, {lat} is outside North America: its longitude is "
                             "east of Greenwich, North American longitudes are negative (did you mean {fixed}?)",
    "od.row.south_latitude": "{end_msg} point {lon}, {lat} is outside North America: its latitude is "
                             "south of the equator (did you mean {fixed}?)",
    "od.row.zero_point": "{end_msg} point 0, 0 is not in North America (an empty cell read as zero?)",
    "od.row.outside": "{end_msg} point {lon}, {lat} is outside North America",
    "od.row.place_empty": "{end_msg} is empty",
    "od.row.unknown_place": "{end_msg}: unknown place '{name}' (not a state, province, port or city known "
                            "to the app)",
    "od.row.ambiguous_place": "{end_msg}: ambiguous place '{name}': could be {options_list}; write a code "
                              "or add the state (e.g. '{example}')",
    "od.place": "{name} ({kind_msg})",
    "od.kind.us_state": "US state {ref}",
    "od.kind.mx_state": "Mexican state {ref}",
    "od.kind.ca_prov": "Canadian province {ref}",
    "od.kind.port": "port {ref}",
    "od.kind.city": "city",
    # --- coverage (geo.query.coverage) ------------------------------------------------------
    "coverage.bts_2020_gap": "{lo_ym} – {hi_ym}: BTS published no raw TransBorder files for October–December 2020.",
    "coverage.not_held": "{lo_ym} – {hi_ym}: the store holds no trade data for these {count_n} month(s).",
    "coverage.held": "{month_ym}: {sources_list}",
    "coverage.missing_in_period": "{count_n} month(s) of the period have no trade data",
    # --- projects and undo (geo.session.project, geo.session.history) -----------------------
    "project.missing": "{file}: no such project file.",
    "project.not_a_project": "{file} is not a Frontera project.",
    "project.damaged": "{file} is damaged or truncated ({detail}); nothing was changed.",
    "project.newer": "{file} was saved by a newer Frontera (project schema {found}); this version reads "
                     "schema {supported} and older.",
    "project.bad_session": "{file} holds an analysis this version cannot read: {detail}",
    "project.no_folder": "{file}: the folder does not exist.",
    "project.cannot_write": "{file} could not be saved: {detail}. The previous file is unchanged.",
    "project.vintage_differs": "The store's figures for this view differ from those the project was saved "
                               "with ({figure}: {saved_usd} then, {now_usd} now): data were imported or "
                               "removed since.",
    "undo.part": "{part}",
    "undo.field": "{part}: {field} = {value}",
    "undo.fields": "{part}: {field} = {value} (+{more_n} more)",
    # --- drill-down profiles (geo.analysis.profile) -----------------------------------------
    "profile.error.kind": "Unknown profile kind {kind}; use one of: {kinds_list}.",
    "profile.error.id": "No {kind} with the id {id}.",
    "profile.kind.port": "Land port of entry",
    "profile.kind.us_state": "US state",
    "profile.kind.mx_state": "Mexican state",
    "profile.kind.corridor": "Border corridor",
    "profile.kind.park": "Industrial park",
    "profile.kind.cluster": "Manufacturing cluster",
    "profile.kind.seaport_mx": "Mexican seaport",
    "profile.kind.seaport_us": "US seaport",
    "profile.name.corridor.MX": "US–Mexico border",
    "profile.name.corridor.CA": "US–Canada border",
    "profile.crumb.na": "North America",
    "profile.crumb.US": "United States",
    "profile.crumb.MX": "Mexico",
    "profile.crumb.coast": "{coast} coast",
    "profile.crumb.name": "{name}",
    "profile.peers.port": "ports",
    "profile.peers.us_state": "US states",
    "profile.peers.mx_state": "Mexican states",
    "profile.peers.corridor": "borders",
    "profile.period.all": "over all months held",
    "profile.period.year": "in {year}",
    "profile.period.years": "in {lo}–{hi}",
    "profile.period.month": "in {month_ym}",
    "profile.period.range": "from {lo_ym} to {hi_ym}",
    "profile.when.all": "all months held",
    "profile.when.year": "{year}",
    "profile.when.years": "{lo}–{hi}",
    "profile.when.month": "{month_ym}",
    "profile.when.range": "{lo_ym} – {hi_ym}",
    "profile.flow.export.MX": "US exports to Mexico",
    "profile.flow.export.CA": "US exports to Canada",
    "profile.flow.export.both": "US exports to Mexico and Canada",
    "profile.flow.import.MX": "US imports from Mexico",
    "profile.flow.import.CA": "US imports from Canada",
    "profile.flow.import.both": "US imports from Mexico and Canada",
    "profile.flow.both.MX": "US trade with Mexico",
    "profile.flow.both.CA": "US trade with Canada",
    "profile.flow.both.both": "US trade with Mexico and Canada",
    "profile.flow_modes": "{flow_msg} by {modes_list}",
    "profile.flow_commodities": "{flow_msg} in HS chapter(s) {codes_list}",
    "profile.lead.port": "{name} handled {value_usd} of {flow_msg} {period_msg}",
    "profile.lead.us_state.export": "{name} shipped {value_usd} of {flow_msg} {period_msg}",
    "profile.lead.us_state.import": "{name} (as importer of record) took {value_usd} of {flow_msg} {period_msg}",
    "profile.lead.us_state.both": "{name} accounted for {value_usd} of {flow_msg} {period_msg}",
    "profile.lead.mx_state": "{name} received {value_usd} of {flow_msg} {period_msg}",
    "profile.lead.zone": "{zone} lies in {name}, which received {value_usd} of {flow_msg} {period_msg}",
    "profile.lead.corridor": "The {name} carried {value_usd} of {flow_msg} {period_msg}",
    "profile.lead.none": "The store holds no {flow_msg} for {name} {period_msg}",
    "profile.lead.seaport_mx": "{name} is a {size} {type} harbour on the {coast} coast (World Port Index); BTS "
                               "TransBorder holds no trade for Mexican seaports.",
    "profile.lead.seaport_us": "{name} is a {size} {type} harbour on the {coast} coast (World Port Index).",
    "profile.clause.yoy": "{change_change} on {when_msg}",
    "profile.clause.yoy_partial": "{change_change} on {when_msg} (the {count_n} months held in both)",
    "profile.clause.rank": "ranked {rank_n} of {count_n} {peers_msg} with data",
    "profile.clause.mode": "{share_share} by {mode}",
    "profile.sentence": "{lead_msg}, {clauses_list}; {mode_msg}.",
    "profile.sentence.clauses": "{lead_msg}, {clauses_list}.",
    "profile.sentence.mode": "{lead_msg}; {mode_msg}.",
    "profile.sentence.lead": "{lead_msg}.",
    "profile.fig.value": "Trade value",
    "profile.fig.value_of": "Trade value of {owner}",
    "profile.fig.yoy": "Change on a year earlier",
    "profile.fig.growth_5y": "Change over 5 years",
    "profile.fig.share": "Share of the corridor",
    "profile.fig.share_na": "Share of US trade with Mexico and Canada",
    "profile.fig.rank": "Rank among {peers_msg}",
    "profile.fig.value_per_truck": "Import value per loaded truck container",
    "profile.fig.facilities": "RETC facilities",
    "profile.fig.parks": "Industrial parks",
    "profile.fig.inegi": "Exports to all destinations, {year} (INEGI)",
    "profile.show.usd": "{value_usd}",
    "profile.show.change": "{value_change}",
    "profile.show.share": "{value_share}",
    "profile.show.rank": "{rank_n} of {count_n}",
    "profile.show.count": "{value_n}",
    "profile.show.usd_per": "{value_usd} per container",
    "profile.show.metres": "{value} m",
    "profile.show.text": "{text}",
    "profile.show.none": "—",
    "profile.other": "{count_n} others",
    "profile.note.not_held": "Not held for {period_msg}; nearest period held: {near_msg}",
    "profile.note.not_held_none": "Not held for {period_msg}, nor for any other period in the store",
    "profile.note.of_total": "of {total_usd}",
    "profile.note.no_rank": "not ranked ({count_n} with data)",
    "profile.note.partial": "on the {count_n} months held in both periods ({span})",
    "profile.note.prev_not_held": "{when_msg} is not held",
    "profile.note.no_base": "no trade in {when_msg} to compare with",
    "profile.note.cagr": "{rate_change} a year; {base_msg}",
    "profile.note.cagr_only": "{rate_change} a year",
    "profile.note.some_months": "{count_n} months of the period are held",
    "profile.note.partial_years": "Hollow points: years whose months are not all held",
    "profile.note.crossing_months": "{count_n} months of counts in the period",
    "profile.note.vpt": "{count_n} months with both import truck value and loaded truck counts",
    "profile.note.vpt_none": "No month of the period holds both import truck value and loaded truck counts",
    "profile.note.inegi": "All destinations, not only the US",
    "profile.note.no_inegi": "No INEGI export figures for this state",
    "profile.note.no_facilities": "No RETC facilities",
    "profile.note.no_location": "No location",
    "profile.note.no_wpi": "No World Port Index harbour facts for this seaport",
    "profile.note.zones_near": "{count_n} industrial parks with {facilities_n} RETC facilities within {km} km",
    "profile.note.no_zones_near": "No industrial park within {km} km",
    "profile.note.parks": "{count_n} industrial parks with {facilities_n} RETC facilities",
    "profile.member.park": "Membership: the {count_n} RETC 2022 facilities that name this park as their "
                           "industrial park ({municipality}, {state}).",
    "profile.member.cluster": "Membership: the {count_n} RETC 2022 facilities in {places}, {parks_n} industrial "
                              "parks among them.",
    "profile.chart.monthly": "Trade value by month, US$",
    "profile.chart.annual": "Trade value by year, US$",
    "profile.chart.commodities": "Top commodities (HS chapters), US$",
    "profile.chart.modes": "Trade value by mode, US$",
    "profile.chart.us_states": "Top US states, US$",
    "profile.chart.us_states_from": "US states of origin, US$",
    "profile.chart.mx_states": "Top Mexican states (US exports), US$",
    "profile.chart.ports": "Top ports, US$",
    "profile.chart.export_ports": "Ports its US exports cross, US$",
    "profile.chart.crossings": "{measure_msg} by month",
    "profile.chart.sectors": "RETC facilities by sector",
    "profile.chart.parks": "Industrial parks by RETC facilities",
    "profile.chart.zones_near": "Industrial parks within {km} km (RETC facilities)",
    "profile.chart.harbour": "Harbour facts (World Port Index)",
    "profile.chart.inegi": "Exports by subsector, {year} (INEGI, all destinations), US$",
    "profile.chart.inegi_series": "Exports by year (INEGI, all destinations), US$",
    "profile.wpi.size": "Harbour size",
    "profile.wpi.type": "Harbour type",
    "profile.wpi.use": "Harbour use",
    "profile.wpi.shelter": "Shelter",
    "profile.wpi.channel_depth": "Channel depth",
    "profile.wpi.pier_depth": "Cargo pier depth",
    "profile.wpi.anchorage_depth": "Anchorage depth",
    "profile.wpi.max_length": "Largest vessel length",
    "profile.wpi.max_draft": "Largest vessel draft",
    "profile.wpi.container": "Container facilities",
    "profile.wpi.ro_ro": "Ro-ro facilities",
    "profile.wpi.solid_bulk": "Solid bulk facilities",
    "profile.wpi.liquid_bulk": "Liquid bulk facilities",
    "profile.wpi.breakbulk": "Breakbulk facilities",
    "profile.wpi.oil_terminal": "Oil terminal",
    "profile.wpi.container_cranes": "Container cranes",
    "profile.wpi.rail": "Rail connection",
    "profile.wpi.repairs": "Repairs",
    "profile.wpi.dry_dock": "Dry dock",
    "profile.caveat.exports_only": "Mexican-state figures are US exports to the state: BTS records no Mexican "
                                  "state of origin for US imports.",
    "profile.caveat.zone_state": "Trade figures for {zone} are those of {state}, the state it lies in: BTS "
                                 "TransBorder records no trade below the state.",
    "profile.caveat.seaport_mx": "BTS TransBorder holds no trade for Mexican seaports: it records US trade with "
                                 "Mexico and Canada at US ports of entry.",
    "profile.caveat.seaport_us": "BTS TransBorder records vessel trade by US port code; this harbour is not "
                                 "matched to one, so no trade figures are shown.",
    "profile.caveat.vpt": "Value per loaded truck container: US import value by truck through the port divided "
                          "by the loaded truck containers counted entering there, over the same months.",
    "profile.caveat.retc": "RETC lists facilities that report pollutant releases and transfers; it is not a "
                           "complete list of plants or IMMEX establishments.",
    "profile.caveat.inegi": "INEGI exports count goods leaving the state for all destinations (2007–2018); "
                            "BTS counts US trade only.",
    # --- bookmarks and slide decks (geo.analysis.deck) ---------------------------------------
    "deck.subtitle": "{flow_msg}, {period_msg}",
    "deck.fig.total": "Trade value of the view",
    "deck.source": "Sources: {sources_list}",
    "deck.no_figures": "No trade figures for this view: {reason_msg}",
    # --- the company network (geo.network) ------------------------------------------------
    "import.network.file_unreadable": "{file} cannot be read: {detail}",
    "import.network.no_header": "{file} holds no rows: no header naming its columns was found",
    "import.network.header_row": "the header is on line {line_n}, not on the first line; the lines above it "
                                 "were skipped: {skipped}",
    "import.network.shp_missing": "{file}: the shapefile's {parts_list} file is missing; a shapefile needs its "
                                  ".shp, .shx and .dbf side by side",
    "import.network.unknown_column": "--map {column}=…: {file} has no column {column} (its columns: {columns})",
    "import.network.unknown_field": "--map {column}={field}: {field} is not a field (id, name, type, tier, lat, "
                                    "lon, city, state, country, attr:NAME, ignore)",
    "import.network.unknown_lane_field": "--map {column}={field}: {field} is not a lane field (id, from, to, "
                                         "value, volume, mode, hs, port, ignore)",
    "import.network.generated_ids": "the file has no id column: each row's id is its line number (L2, L3, …)",
    "import.network.no_id": "the id is empty; the row was not imported",
    "import.network.duplicate_id": "id {id} already appears on line {first}; this row was not imported",
    "import.network.not_number": "{column} '{value}' is not a number; left empty",
    "import.network.half_coords": "only one of latitude and longitude is given; the row was not imported",
    "import.network.coord_bad": "{detail}; the row was not imported",
    "import.network.zero": "the coordinates are 0, 0 ({lat}, {lon}): a blank written as zero? Give the site's "
                           "position or its place",
    "import.network.mx_positive": "a Mexican site with positive longitude {lon}: Mexico lies west of Greenwich "
                                  "(longitude −86 to −118); write it negative or name the column LONGITUD OESTE",
    "import.network.swapped": "latitude {lat} and longitude {lon} look swapped: read the other way round the site "
                              "is in North America; fix the file or map the columns the other way",
    "import.network.out_of_range": "latitude {lat} / longitude {lon} is out of range (latitude −90 to 90, "
                                   "longitude −180 to 180)",
    "import.network.outside": "latitude {lat} / longitude {lon} lies outside the US, Mexico and Canada",
    "import.network.country_differs": "the file says country {written} but the coordinates lie in {found}; "
                                      "the coordinates were kept",
    "import.network.state_differs": "the row names state {written} but the coordinates lie {km} km outside it "
                                    "(in {found}); the coordinates were kept",
    "import.network.place_ambiguous": "place '{place}' may be {candidates_list}; pick one or click the map",
    "import.network.place_unknown": "place '{place}' is not in the gazetteer; click the map to place it",
    "import.network.no_location": "no coordinates and no place (city, state) to find the site by",
    "import.network.lane_no_end": "the lane's {end} facility is empty; the row was not imported",
    "import.network.lane_unknown_facility": "{end} facility {id} is not in the network; the row was not imported",
    "import.network.lane_bad_mode": "mode '{value}' is not known (truck, rail, air, vessel, pipeline, other); "
                                    "the row was not imported",
    "import.network.lane_bad_amount": "{column} '{value}' is not a non-negative number; the row was not imported",
    "import.network.lane_no_amount": "the lane has neither an annual value nor a volume",
    "import.network.lane_field_twice": "{file}: the lanes' {field} is mapped from two columns ({columns_list}); "
                                       "map it from one",
    "import.network.lane_field_missing": "{file}: no column holds the lanes' {field} facility; map one to "
                                         "'{field}'",
    "import.network.lane_unknown_port": "port {port} is not a land port of entry; the lane is routed by the "
                                        "shortest detour",
    "network.route.assigned": "the port assigned to the lane",
    "network.route.shortest": "the {mode} port with the shortest detour ({detour_km} km)",
    "network.route.no_port": "no land port handles {mode} by the crossing counts",
    "network.route.unplaced": "facility {id} has no position yet",
    "network.route.not_land": "{mode} lanes do not cross at a land port",
    "network.exposure.single_port": "{share_share} of cross-border value relies on one port ({port})",
    "network.exposure.unrouted": "{count_n} cross-border lanes worth {value_usd} are not routed: {reason_msg}",
    "network.exposure.zone_rule": "A facility belongs to a manufacturing cluster when its municipality is one of "
                                  "the cluster's (as the drill-down counts RETC facilities), else to the nearest "
                                  "cluster within {km} km.",
    "network.port_title.exposure": "Ports sized by the company's cross-border value (exposure)",
    "network.layer.facilities": "Company facilities",
    "network.layer.lanes": "Company lanes",
    "network.lanes.caption": "Annual value of cross-border lanes ({units})",
    "network.lanes.tip.title": "Company lane {id}",
    "network.lanes.tip.route": "{origin} → {port} → {dest}",
    "network.lanes.tip.unrouted": "{origin} → {dest} (not routed through a land port)",
    "network.lanes.tip.value": "{mode} · {value_usd} a year · {share_share} of the company's cross-border value",
    "network.profile.port_value": "Company cross-border value through this port",
    "network.profile.state_value": "Company cross-border value of its facilities in this state",
    "network.profile.zone_value": "Company cross-border value of its facilities in this cluster",
    "network.profile.share": "Share of the company's cross-border value",
    "network.profile.lanes": "Company cross-border lanes",
    "network.profile.port_facilities": "Company facilities behind these lanes",
    "network.profile.state_facilities": "Company facilities in this state",
    "network.profile.zone_facilities": "Company facilities in this cluster",
    "network.profile.rank_label": "Rank among the company's crossings",
    "network.profile.usd_year": "{value_usd} a year",
    "network.profile.share_of": "{share_share} of {total_usd} a year",
    "network.profile.count": "{value_n}",
    "network.profile.rank": "{rank_n} of {count_n}",
    "network.profile.none_port": "None of the company's {lanes_n} cross-border lanes crosses here.",
    "network.profile.port_rule": "Annual values from the company's lane file. A lane between facilities in two "
                                 "countries crosses at the port assigned to it, else at the land port with the "
                                 "shortest detour that handles its mode.",
    "network.profile.state_rule": "A cross-border lane counts for the Mexican state of its Mexican facility "
                                  "(annual values from the company's lane file).",
    "network.profile.park": "This park lies in the {cluster} cluster: the company's figures are the cluster's.",
    "network.profile.no_cluster": "This park lies in no manufacturing cluster: the company's facilities are "
                                  "counted by cluster.",
    # --- disruption and tariff scenarios (geo.analysis.scenario) ---------------------------
    "scenario.assume.period_default": "Period: {start_ym} to {end_ym}, the latest full year of DOT1 flows the "
                                      "store holds (the default).",
    "scenario.assume.period": "Period: {start_ym} to {end_ym}.",
    "scenario.assume.capacity": "Capacity per port and mode: the highest monthly count of loaded truck or rail "
                                "containers in the {months} months to {end_ym}, unless overridden.",
    "scenario.assume.load": "Current load: the mean monthly count of loaded containers from {start_ym} to "
                            "{end_ym}; headroom = capacity − load.",
    "scenario.assume.value_per_container": "Value per loaded container: US import value by truck (rail) through "
                                           "the port ÷ the inbound loaded truck (rail) containers counted there, "
                                           "same port and months, as in the drill-down; ports without both use "
                                           "the border average ({truck_usd} a truck, {rail_usd} a rail container).",
    "scenario.assume.direction": "Crossing counts are northbound only: northbound capacity and load come from "
                                 "them. Southbound (US exports) load is export value ÷ the port's value per "
                                 "container; southbound capacity is {ratio_share} of the northbound capacity (an "
                                 "editable assumption).",
    "scenario.assume.detour": "Added detour in great-circle km: exports Mexican state → port → US state against "
                              "the closed port; imports, whose Mexican origin BTS does not record, on the US side: "
                              "closed port → new port → US state against closed port → US state.",
    "scenario.assume.lp": "Freight is reassigned to ports handling the same mode by one linear program (HiGHS) "
                          "that minimises the added detour within their headroom over the {days} days, adding at "
                          "most {km} km; what does not fit waits.",
    "scenario.assume.backlog": "Waiting freight builds up evenly while closed and clears after the reopening at the "
                               "reopened port's headroom; value-days at risk = value delayed × (days closed + days "
                               "to clear) ÷ 2.",
    "scenario.assume.truck_km": "Extra truck-km: rerouted loaded truck containers × added detour, one container a "
                                "truck.",
    "scenario.assume.closure": "{ports_list} at {capacity_share} of capacity for {days} days.",
    "scenario.assume.bridge": "One bridge of {port} carries {share_share} of the port's capacity (user-entered).",
    "scenario.assume.override": "Capacity of {port} ({mode}) set by the user to {value}.",
    "scenario.assume.new_crossing": "New crossing {name} ({port}, {mode}) at {lon}, {lat}: a capacity of "
                                    "{capacity} loaded containers a month (user-entered), empty before the "
                                    "closure; its value per container is the border average ({value_usd}).",
    "scenario.assume.company_detour": "Company lanes through a closed port: value at risk = the lane's annual "
                                      "value ÷ 365 × days × the share of the port's freight in the lane's "
                                      "direction that no longer fits; of it, the share of the port's freight the "
                                      "program reroutes goes through the receiving port (of those that took it) "
                                      "adding the least detour from the lane's own origin to its own destination: "
                                      "origin facility → new port → destination facility against origin facility "
                                      "→ closed port → destination facility (great-circle), so for imports the "
                                      "Mexican side is measured from the company's facility, which BTS does not "
                                      "record; extra truck-km = rerouted value ÷ the closed port's value per "
                                      "loaded container × that detour.",
    "scenario.assume.no_counts": "{port} carries {mode} freight in the flows but has no {mode} counts: its "
                                 "waiting {mode} freight is taken to clear on reopening.",
    "scenario.never_clears": "The backlog at {port} ({mode}) does not clear: the port has no headroom.",
    "scenario.tariff.rule": "Tariff of {tariff_share} on US imports from Mexico (HS chapters: {scope}), "
                            "{usmca_share} exempt as USMCA-compliant; value at risk = value × (1 − exempt) × "
                            "(1 − (1 + tariff)^−elasticity) = {factor_share} of the value (full pass-through).",
    "scenario.tariff.elasticity": "Trade elasticity {elasticity} (default {default}: {source}).",
    "scenario.tariff.not_answerable": "The store cannot break the tariff's value at risk down by {by} for this "
                                      "period and filter.",
    "scenario.tariff.company_rule": "Company lanes from a Mexican to a US facility: value at risk = the lane's "
                                    "annual value × {factor_share}, the same rule as the public figures, when the "
                                    "lane's HS chapter is covered (chapters: {scope}); {count_n} lanes worth "
                                    "{value_usd} a year are counted.",
    "scenario.tariff.company_hs_unknown": "{count_n} company lanes worth {value_usd} a year have no HS chapter: "
                                          "they are listed as 'HS unknown' and not counted (the tariff covers "
                                          "chosen chapters only).",
    "scenario.error.unknown_port": "{port} is not a land port on the Mexican border with crossing counts.",
    "scenario.error.no_flows": "The store holds no full year of DOT1 flows; choose a period.",
    "scenario.error.solver": "The reassignment could not be solved: {reason}",
    # --- the scenario view (geo.analysis.scenario_view) ----------------------------------------
    "scenario.map.load_rule": "Colour: a receiving port's load while the ports are closed ÷ its capacity, in "
                              "loaded {modes_list} containers a month, northbound (Border Crossing counts); "
                              "capacity = the highest month of the {months} to {end_ym}.",
    "scenario.map.width_rule": "Width: value rerouted over the {days} days (widest {max_usd}).",
    "scenario.export.settings": "Scenario: {ports_list} at {capacity_share} of capacity for {days} days.",
    "scenario.export.tariff": "Tariff: {tariff_share} on US imports from Mexico (HS chapters: {scope}), "
                              "{usmca_share} USMCA-exempt, elasticity {elasticity}; values over {start_ym} to "
                              "{end_ym}.",
    "scenario.export.company": "Company: {count_n} lanes of the company network, {hit_n} of them through a "
                               "closed port; their value at risk is over the {days} days of the closure (the "
                               "tariff's: a year), per facility on the side shipping (supplier) or receiving "
                               "(customer).",
    "scenario.export.units": "Units: values in US$ over the {days} days of the closure (tariff: over its period); "
                             "loads and capacities in loaded containers a month, northbound; detours in km.",
    "scenario.export.source": "Sources: BTS TransBorder Freight Data, table DOT1 (US state × port × Mexican state), "
                              "{start_ym} to {end_ym}; BTS Border Crossing Entry Data (loaded truck and rail "
                              "containers), {from_ym} to {end_ym}.",
    # --- session --------------------------------------------------------------------------
    "session.bad_key": "Unknown setting {key} in the {part} part of the session.",
    "session.bad_value": "The session's {part}.{key} has an invalid value {value}: {reason}",
    "session.newer": "This analysis was saved by a newer Frontera (session schema {found}); this version "
                     "reads schema {supported} and older.",
    "session.not_a_session": "This is not a Frontera session (no schema version).",
    # --- publication exports (geo.analysis.layout) --------------------------------------------
    "export.title.basemap": "US–Mexico border: land ports of entry, seaports and industrial zones",
    "export.title.trade": "US–Mexico border trade: {scope_msg}",
    "export.subtitle": "{parts_list}",
    "export.sub.us_state": "US states shaded by trade value (US$)",
    "export.sub.mx_state": "Mexican states shaded by US exports (US$)",
    "export.sub.ports_trade": "Land ports sized by trade value (US$)",
    "export.sub.ports_crossings": "Land ports sized by {measure_msg}",
    "export.sub.flows": "Flows: width by trade value (US$)",
    "export.scale_km": "{km} km",
    "export.scale_m": "{m} m",
    "export.sources": "Sources: {sources_list}. {projection}. Made with Frontera Atlas.",
}


@dataclass(frozen=True, eq=False)
class Message:
    """A sentence for people, as a catalogue code and parameters (plain JSON-able values or
    nested messages)."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)
    severity: str = "info"  # info | warning | error

    def __post_init__(self):
        if self.code not in CATALOGUE:
            raise KeyError(f"message code {self.code!r} is not in the catalogue")

    def __deepcopy__(self, memo):  # a value: never changed once made (pandas deep-copies attrs)
        return self

    def word(self, translate: Callable[[str], str] | None = None,
             formatters: Mapping[str, Callable[[Any], str]] | None = None) -> str:
        """The sentence: the template (through ``translate``) filled with formatted parameters."""
        template = CATALOGUE[self.code]
        if translate is not None:
            template = translate(template)
        fmt = dict(FORMATTERS)
        if formatters:
            fmt.update(formatters)
        values = {k: format_param(k, v, translate, fmt) for k, v in self.params.items()}
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):  # a translation with a wrong field
            return CATALOGUE[self.code].format(**values)

    def english(self) -> str:
        return self.word()

    def __hash__(self) -> int:
        return hash((self.code, self.english()))

    def __eq__(self, other) -> bool:
        return (isinstance(other, Message) and self.code == other.code
                and self.as_dict()["params"] == other.as_dict()["params"])

    def __str__(self) -> str:
        return self.english()

    def as_dict(self) -> dict:
        return {"code": self.code, "params": {k: (v.as_dict() if isinstance(v, Message) else v)
                                              for k, v in self.params.items()},
                "severity": self.severity}

    @classmethod
    def from_dict(cls, d: Mapping) -> "Message":
        params = {k: (cls.from_dict(v) if k.endswith("_msg") and isinstance(v, Mapping) else v)
                  for k, v in dict(d.get("params") or {}).items()}
        return cls(str(d["code"]), params, str(d.get("severity", "info")))


def _count(v) -> str:
    return f"{int(v):,}"


FORMATTERS: dict[str, Callable[[Any], str]] = {
    "_usd": format_usd,
    "_share": format_share,
    "_change": format_change,
    "_ym": lambda v: month_label(int(v)),
    "_n": _count,
}


def format_param(name: str, value, translate=None, formatters=None) -> str:
    if isinstance(value, Message) or (name.endswith("_msg") and isinstance(value, Mapping)):
        msg = value if isinstance(value, Message) else Message.from_dict(value)
        return msg.word(translate, formatters)
    if name.endswith("_list"):
        sep = " · " if name == "parts_list" else ", "
        return sep.join(format_param("item_msg" if isinstance(x, Message) else "item", x, translate, formatters)
                        for x in value)
    for suffix, f in (formatters or FORMATTERS).items():
        if name.endswith(suffix) and not name.endswith("_msg"):
            return f(value)
    return str(value)


def msg(code: str, severity: str = "info", **params) -> Message:
    """Shorthand: ``msg("flows.hidden", count_n=3, share_share=0.04)``."""
    return Message(code, params, severity)


class MessageError(ValueError):
    """An error whose sentence is a :class:`Message`; ``str()`` is its English wording."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(message.english())
