<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
<context>
    <name>AnnotationsPanel</name>
    <message>
        <location filename="../../plannerview/ui/annotations_panel.py" line="+37"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+76"/>
        <source>About</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Changed</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>ROI</source>
        <translation>ROI</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>created ({kind}, {status}): {text}</source>
        <translation>créée ({kind}, {status}) : {text}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>status {old} → {new}</source>
        <translation>statut {old} → {new}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>text → {text}</source>
        <translation>texte → {text}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>moved</source>
        <translation>déplacée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>about → {about}</source>
        <translation>objet → {about}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>revised</source>
        <translation>révisée</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>text of the next annotation or comment</source>
        <translation>texte de la prochaine annotation ou du prochain commentaire</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Comment</source>
        <translation>Commenter</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Go to</source>
        <translation>Aller à</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolve</source>
        <translation>Résoudre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reopen</source>
        <translation>Rouvrir</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Withdraw</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set text</source>
        <translation>Changer le texte</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>history of the selected annotation</source>
        <translation>historique de l&apos;annotation sélectionnée</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{shown} of {total}</source>
        <translation>{shown} sur {total}</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>crosshair</source>
        <translation>réticule</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../plannerview/ui/banner.py" line="+20"/>
        <source>No case loaded</source>
        <translation>Aucun cas chargé</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Image: {modality} {label}</source>
        <translation>Image : {modality} {label}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;span style=&apos;color:#ffb347&apos;&gt;&lt;b&gt;No images were found&lt;/b&gt;&lt;/span&gt; (blank canvas)</source>
        <translation>&lt;span style=&apos;color:#ffb347&apos;&gt;&lt;b&gt;Aucune image trouvée&lt;/b&gt;&lt;/span&gt; (fond vierge)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Structures: {label}</source>
        <translation>Structures : {label}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no status</source>
        <translation>sans statut</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, Rx {rx} {unit} / {fractions} fx</source>
        <translation>, prescription {rx} {unit} / {fractions} fx</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, no prescription</source>
        <translation>, pas de prescription</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan: {label} ({kind})</source>
        <translation>Plan : {label} ({kind})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Plan: none</source>
        <translation>Plan : aucun</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(values per fraction)</source>
        <translation>(valeurs par fraction)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dose: {summation} {type}</source>
        <translation>Dose : {summation} {type}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dose: none</source>
        <translation>Dose : aucune</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Review: &lt;b&gt;{state}&lt;/b&gt;</source>
        <translation>Revue : &lt;b&gt;{state}&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>BrachyPanel</name>
    <message>
        <location filename="../../plannerview/ui/brachy_panel.py" line="+28"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applicator</source>
        <translation>Applicateur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dwells</source>
        <translation>Positions d&apos;arrêt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time (s)</source>
        <translation>Temps (s)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>No brachytherapy plan selected</source>
        <translation>Aucun plan de curiethérapie sélectionné</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>, {rate} U on {date}</source>
        <translation>, {rate} U au {date}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Source {source}{air_kerma}; {channels} channels, total dwell time {time} s; prescription {rx}. Doses in {unit}.</source>
        <translation>Source {source}{air_kerma} ; {channels} canaux, temps d&apos;arrêt total {time} s ; prescription {rx}. Doses en {unit}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <location line="+10"/>
        <source> ({percent} % in grid)</source>
        <translation> ({percent} % dans la grille)</translation>
    </message>
</context>
<context>
    <name>CaseBrowser</name>
    <message>
        <location filename="../../plannerview/ui/case_browser.py" line="+33"/>
        <source>derived</source>
        <translation>dérivé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>error</source>
        <translation>erreur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>warning</source>
        <translation>avertissement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>info</source>
        <translation>info</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>{count} ROIs</source>
        <translation>{count} ROI</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no Rx</source>
        <translation>pas de prescription</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>made by {engine} {version}</source>
        <translation>créé par {engine} {version}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>on {time} by {user}</source>
        <translation>le {time} par {user}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>parameters {parameters}</source>
        <translation>paramètres {parameters}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>from {inputs}</source>
        <translation>à partir de {inputs}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>frame of reference {uid}</source>
        <translation>référentiel {uid}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>file {file}</source>
        <translation>fichier {file}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(not saved)</source>
        <translation>(non enregistré)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>plan {uid}; TPS DVHs {count}</source>
        <translation>plan {uid} ; HDV du TPS : {count}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Derived — {how}</source>
        <translation>Dérivé — {how}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Object</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Findings</source>
        <translation>Constats</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>click an object for its details</source>
        <translation>cliquez sur un objet pour voir ses détails</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Patient {name}  ({id})</source>
        <translation>Patient {name}  ({id})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Study …{uid}</source>
        <translation>Étude …{uid}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Frame of reference …{uid}</source>
        <translation>Référentiel …{uid}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Files and findings not tied to a loaded object ({count})</source>
        <translation>Fichiers et constats sans objet chargé ({count})</translation>
    </message>
</context>
<context>
    <name>CheckMessages</name>
    <message>
        <location filename="../../plannerview/review/checks/beam_direction.py" line="+18"/>
        <location filename="../../plannerview/review/checks/beams.py" line="+161"/>
        <location line="+29"/>
        <source>brachytherapy plan: no beams</source>
        <translation>plan de curiethérapie : pas de faisceaux</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>plan &apos;{plan}&apos; has no dose in Gy to look at</source>
        <translation>le plan « {plan} » n&apos;a pas de dose en Gy à examiner</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>plan &apos;{plan}&apos;: no static treatment beam with an isocentre to follow</source>
        <translation>plan « {plan} » : aucun faisceau de traitement statique avec un isocentre à suivre</translation>
    </message>
    <message>
        <location filename="../../plannerview/review/checks/beams.py" line="-167"/>
        <source>&apos;{label}&apos; names a stereotactic technique</source>
        <translation>« {label} » désigne une technique stéréotaxique</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{per_fx:.3g} Gy x {fractions} fx is stereotactic hypofractionation</source>
        <translation>{per_fx:.3g} Gy x {fractions} fx est une hypofractionnation stéréotaxique</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>electron</source>
        <extracomment>the radiation kinds a technique may be named by, as words of the message (VMAT, IMRT, 3D stay as they are)</extracomment>
        <translation>électrons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>proton</source>
        <translation>protons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ion</source>
        <translation>ions</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>brachytherapy plan: no monitor units</source>
        <translation>plan de curiethérapie : pas d&apos;unités moniteur</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>plan &apos;{plan}&apos; has no treatment beam with a meterset</source>
        <translation>le plan « {plan} » n&apos;a aucun faisceau de traitement avec des unités moniteur</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>plan &apos;{plan}&apos; states neither a prescription with fractions nor beam doses</source>
        <translation>le plan « {plan} » n&apos;indique ni prescription avec fractions ni doses par faisceau</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{technique} plan &apos;{plan}&apos;: {total:.1f} {unit} per fraction for {per_fx:.3g} Gy/fx = {per_gy:.0f} {unit}/Gy, {spots} spots ({spots_per_gy:.0f} per Gy) (plausible {low:g}-{high:g})</source>
        <translation>plan {technique} « {plan} » : {total:.1f} {unit} par fraction pour {per_fx:.3g} Gy/fx = {per_gy:.0f} {unit}/Gy, {spots} spots ({spots_per_gy:.0f} par Gy) (plausible : {low:g}-{high:g})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{technique} plan &apos;{plan}&apos;: {total:.1f} {unit} per fraction for {per_fx:.3g} Gy/fx = {per_gy:.0f} {unit}/Gy (plausible {low:g}-{high:g})</source>
        <translation>plan {technique} « {plan} » : {total:.1f} {unit} par fraction pour {per_fx:.3g} Gy/fx = {per_gy:.0f} {unit}/Gy (plausible : {low:g}-{high:g})</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>brachytherapy plan: no beam energies</source>
        <translation>plan de curiethérapie : pas d&apos;énergies de faisceau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no treatment beams</source>
        <translation>aucun faisceau de traitement</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>treatment beams use different particles: {particles}</source>
        <translation>les faisceaux de traitement utilisent des particules différentes : {particles}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>beam &apos;{beam}&apos; has layers from {lowest:.1f} to {highest:.1f} MeV, outside {low:g}-{high:g} MeV</source>
        <translation>le faisceau « {beam} » a des couches en énergie de {lowest:.1f} à {highest:.1f} MeV, hors de {low:g}-{high:g} MeV</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ion beams, highest layers {layers}</source>
        <translation>faisceaux d&apos;ions, couches en énergie les plus hautes : {layers}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>beam &apos;{beam}&apos; changes nominal energy between control points ({energies:g})</source>
        <translation>le faisceau « {beam} » change d&apos;énergie nominale entre points de contrôle ({energies:g})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>beam &apos;{beam}&apos; states no nominal energy</source>
        <translation>le faisceau « {beam} » n&apos;indique pas d&apos;énergie nominale</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>beam &apos;{beam}&apos; energy {energy} outside {low:g}-{high:g}</source>
        <translation>faisceau « {beam} » : énergie {energy} hors de {low:g}-{high:g}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>treatment beams use {count} energies ({summary}): confirm this is intended</source>
        <translation>les faisceaux de traitement utilisent {count} énergies ({summary}) : confirmer que c&apos;est voulu</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>all {count} treatment beams {energy}</source>
        <translation>les {count} faisceaux de traitement sont tous en {energy}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>beam &apos;{beam}&apos; (#{number}) is marked TREATMENT with no meterset (it is not in the fraction group); its name says setup or imaging: it should be a SETUP beam</source>
        <translation>le faisceau « {beam} » (#{number}) est marqué TREATMENT sans unités moniteur (il n&apos;est pas dans le groupe de fractions) ; son nom indique le positionnement ou l&apos;imagerie : ce devrait être un faisceau SETUP</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>treatment beam &apos;{beam}&apos; (#{number}) delivers no meterset (its fraction group meterset is 0)</source>
        <translation>le faisceau de traitement « {beam} » (#{number}) ne délivre aucune unité moniteur (son nombre d&apos;unités moniteur dans le groupe de fractions est 0)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>treatment beam &apos;{beam}&apos; (#{number}) delivers no meterset (it is not in the fraction group)</source>
        <translation>le faisceau de traitement « {beam} » (#{number}) ne délivre aucune unité moniteur (il n&apos;est pas dans le groupe de fractions)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>all {count} treatment beams have a meterset</source>
        <translation>les {count} faisceaux de traitement ont tous des unités moniteur</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>plan &apos;{plan}&apos; has no setup or imaging beams</source>
        <translation>le plan « {plan} » n&apos;a pas de faisceaux de positionnement ou d&apos;imagerie</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>beam &apos;{beam}&apos; (#{number}) is named like a setup/imaging beam but is a TREATMENT beam with {mu:.1f} MU: it is counted as treatment</source>
        <translation>le faisceau « {beam} » (#{number}) est nommé comme un faisceau de positionnement/imagerie mais est un faisceau TREATMENT de {mu:.1f} MU : il est compté comme traitement</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{delivery} beam &apos;{beam}&apos; (#{number}) carries a beam dose of {dose:g} Gy in the fraction group: its dose is counted with the treatment</source>
        <translation>le faisceau {delivery} « {beam} » (#{number}) porte une dose de faisceau de {dose:g} Gy dans le groupe de fractions : sa dose est comptée avec le traitement</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{delivery} beam &apos;{beam}&apos; (#{number}) has {mu:.1f} MU, not counted as treatment; confirm the imaging dose is accounted for</source>
        <translation>le faisceau {delivery} « {beam} » (#{number}) a {mu:.1f} MU, non comptées comme traitement ; confirmer que la dose d&apos;imagerie est prise en compte</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{count} setup/imaging beams not counted ({names}); treatment {mu:.1f} MU per fraction in {beams} beams</source>
        <translation>{count} faisceaux de positionnement/imagerie non comptés ({names}) ; traitement : {mu:.1f} MU par fraction en {beams} faisceaux</translation>
    </message>
    <message>
        <location filename="../../plannerview/review/checks/context.py" line="+162"/>
        <location filename="../../plannerview/review/checks/structures.py" line="+106"/>
        <source>dose reference &apos;{reference}&apos;</source>
        <translation>référence de dose « {reference} »</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>no target ROI found</source>
        <translation>aucune ROI de volume cible trouvée</translation>
    </message>
    <message>
        <location filename="../../plannerview/review/checks/dose_grid.py" line="+21"/>
        <location line="+28"/>
        <location filename="../../plannerview/review/checks/ion.py" line="+124"/>
        <location filename="../../plannerview/review/checks/prescription.py" line="+117"/>
        <location filename="../../plannerview/review/checks/references.py" line="+38"/>
        <source>no dose for plan &apos;{plan}&apos;</source>
        <translation>pas de dose pour le plan « {plan} »</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>brachytherapy plan: the technique limits are for external beams</source>
        <translation>plan de curiethérapie : les limites par technique valent pour les faisceaux externes</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>dose grid {dx:g} x {dy:g} x {dz:g} mm; stereotactic ({why}) plan: at most {limit:g} mm</source>
        <translation>grille de dose {dx:g} x {dy:g} x {dz:g} mm ; plan stéréotaxique ({why}) : au plus {limit:g} mm</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>dose grid {dx:g} x {dy:g} x {dz:g} mm; conventional plan: at most {limit:g} mm</source>
        <translation>grille de dose {dx:g} x {dy:g} x {dz:g} mm ; plan conventionnel : au plus {limit:g} mm</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>no structure set: target and body coverage cannot be checked</source>
        <translation>pas de jeu de structures : la couverture du volume cible et du corps ne peut pas être contrôlée</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>target &apos;{target}&apos; reaches {outside:.1f} mm outside the dose grid</source>
        <translation>le volume cible « {target} » dépasse la grille de dose de {outside:.1f} mm</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the grid covers all {count} targets</source>
        <translation>la grille couvre les {count} volumes cibles</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no target ROI to check the grid against</source>
        <translation>aucune ROI de volume cible pour contrôler la grille</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no EXTERNAL (body) ROI: the beams&apos; entrance cannot be checked</source>
        <translation>pas de ROI EXTERNAL (corps) : l&apos;entrée des faisceaux ne peut pas être contrôlée</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>beam &apos;{beam}&apos; at gantry {gantry:g}: central axis never enters the body</source>
        <translation>faisceau « {beam} » au bras {gantry:g} : l&apos;axe central n&apos;entre jamais dans le corps</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>beam &apos;{beam}&apos; (gantry {gantry:g}) enters the body at ({x:.0f}, {y:.0f}, {z:.0f}) mm, {outside:.1f} mm outside the dose grid</source>
        <translation>le faisceau « {beam} » (bras {gantry:g}) entre dans le corps en ({x:.0f} ; {y:.0f} ; {z:.0f}) mm, à {outside:.1f} mm hors de la grille de dose</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the grid covers the body where the {count} beam directions enter</source>
        <translation>la grille couvre le corps là où entrent les {count} directions de faisceau</translation>
    </message>
    <message>
        <location filename="../../plannerview/review/checks/geometry.py" line="+19"/>
        <source>brachytherapy plan: no isocentre</source>
        <translation>plan de curiethérapie : pas d&apos;isocentre</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no treatment beam of plan &apos;{plan}&apos; states an isocentre</source>
        <translation>aucun faisceau de traitement du plan « {plan} » n&apos;indique d&apos;isocentre</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no structure set: the isocentre cannot be placed against the body and targets</source>
        <translation>pas de jeu de structures : l&apos;isocentre ne peut pas être situé par rapport au corps et aux volumes cibles</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>isocentre ({x:.1f}, {y:.1f}, {z:.1f}) mm of {beams}: no EXTERNAL ROI to check it is inside the body</source>
        <translation>isocentre ({x:.1f} ; {y:.1f} ; {z:.1f}) mm de {beams} : pas de ROI EXTERNAL pour contrôler qu&apos;il est dans le corps</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>isocentre ({x:.1f}, {y:.1f}, {z:.1f}) mm of {beams} is outside the body &apos;{body}&apos; (by {distance:.1f} mm)</source>
        <translation>l&apos;isocentre ({x:.1f} ; {y:.1f} ; {z:.1f}) mm de {beams} est hors du corps « {body} » (de {distance:.1f} mm)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>isocentre ({x:.1f}, {y:.1f}, {z:.1f}) mm of {beams}: no target ROI to check the distance to</source>
        <translation>isocentre ({x:.1f} ; {y:.1f} ; {z:.1f}) mm de {beams} : aucune ROI de volume cible pour contrôler la distance</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>isocentre ({x:.1f}, {y:.1f}, {z:.1f}) mm of {beams}: {distance:.1f} mm from target &apos;{target}&apos;</source>
        <translation>isocentre ({x:.1f} ; {y:.1f} ; {z:.1f}) mm de {beams} : à {distance:.1f} mm du volume cible « {target} »</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>isocentre ({x:.1f}, {y:.1f}, {z:.1f}) mm of {beams} is inside target &apos;{target}&apos;</source>
        <translation>l&apos;isocentre ({x:.1f} ; {y:.1f} ; {z:.1f}) mm de {beams} est dans le volume cible « {target} »</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>brachytherapy plan: no external beams</source>
        <translation>plan de curiethérapie : pas de faisceaux externes</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&apos;{beam}&apos; (gantry {gantry:g})</source>
        <translation>« {beam} » (bras {gantry:g})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no beam enters through the couch ({position})</source>
        <translation>aucun faisceau n&apos;entre à travers la table ({position})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>beams {beams} pass through the couch; support structures {rois} are present</source>
        <translation>les faisceaux {beams} traversent la table ; les structures de support {rois} sont présentes</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>beams {beams} pass through the couch; no structure set to look for it</source>
        <translation>les faisceaux {beams} traversent la table ; pas de jeu de structures où la chercher</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>beams {beams} pass through the couch ({position}) but structure set &apos;{structure_set}&apos; has no couch/support ROI: its attenuation is not modelled</source>
        <translation>les faisceaux {beams} traversent la table ({position}) mais le jeu de structures « {structure_set} » n&apos;a pas de ROI de table/support : son atténuation n&apos;est pas modélisée</translation>
    </message>
    <message>
        <location filename="../../plannerview/review/checks/ion.py" line="-103"/>
        <location line="+58"/>
        <location line="+42"/>
        <source>not an ion plan</source>
        <translation>pas un plan d&apos;ions</translation>
    </message>
    <message>
        <location line="-90"/>
        <source>beam &apos;{beam}&apos;: range shifter &apos;{shifter}&apos; (#{number}) is declared but its setting is not given at the first control point</source>
        <translation>faisceau « {beam} » : le range shifter « {shifter} » (#{number}) est déclaré mais son réglage n&apos;est pas donné au premier point de contrôle</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>beam &apos;{beam}&apos;: a control point sets range shifter #{number}, which the beam does not declare</source>
        <translation>faisceau « {beam} » : un point de contrôle règle le range shifter #{number}, que le faisceau ne déclare pas</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>beam &apos;{beam}&apos;: the snout moves during the beam ({positions:g} mm)</source>
        <translation>faisceau « {beam} » : le snout bouge pendant le faisceau ({positions:g} mm)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>beam &apos;{beam}&apos;: snout &apos;{snout}&apos; with no snout position</source>
        <translation>faisceau « {beam} » : snout « {snout} » sans position</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>beam &apos;{beam}&apos;: range shifter {shifter} is IN with a water-equivalent thickness of {thickness:g} mm</source>
        <translation>faisceau « {beam} » : le range shifter {shifter} est IN avec une épaisseur équivalente eau de {thickness:g} mm</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>beam &apos;{beam}&apos;: range shifter {shifter} at {distance:.1f} mm from the isocentre is downstream of the snout at {snout:.1f} mm: the two are inconsistent</source>
        <translation>faisceau « {beam} » : le range shifter {shifter} à {distance:.1f} mm de l&apos;isocentre est en aval du snout à {snout:.1f} mm : les deux sont incohérents</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&apos;{beam}&apos;: {shifter} IN at {distance:.1f} mm, snout at {snout:.1f} mm</source>
        <translation>« {beam} » : {shifter} IN à {distance:.1f} mm, snout à {snout:.1f} mm</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&apos;{beam}&apos;: no range shifter, snout {snout} at {position:g} mm</source>
        <translation>« {beam} » : pas de range shifter, snout {snout} à {position:g} mm</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;{beam}&apos;: no range shifter</source>
        <translation>« {beam} » : pas de range shifter</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&apos;{beam}&apos;: scan mode {mode} (no spot map to check)</source>
        <translation>« {beam} » : mode de balayage {mode} (pas de carte de spots à contrôler)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>beam &apos;{beam}&apos; has a meterset of {meterset:g} but no spot with a weight</source>
        <translation>le faisceau « {beam} » a {meterset:g} unités moniteur mais aucun spot pondéré</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&apos;{beam}&apos;: {layers} energy layers, {spots} spots (at most {max_layers} layers, {max_spots} spots)</source>
        <translation>« {beam} » : {layers} couches en énergie, {spots} spots (au plus {max_layers} couches, {max_spots} spots)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&apos;{beam}&apos;: {layers} energy layers, {spots} spots: energy layers are not in descending order</source>
        <translation>« {beam} » : {layers} couches en énergie, {spots} spots : les couches en énergie ne sont pas en ordre décroissant</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;{beam}&apos;: {layers} energy layers, {spots} spots; a layer has {most} spots (over {limit})</source>
        <translation>« {beam} » : {layers} couches en énergie, {spots} spots ; une couche a {most} spots (plus de {limit})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;{beam}&apos;: {layers} energy layers, {spots} spots ({fewest}-{most} per layer)</source>
        <translation>« {beam} » : {layers} couches en énergie, {spots} spots ({fewest}-{most} par couche)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{kind} plan with an EFFECTIVE (RBE-weighted) dose</source>
        <translation>plan {kind} avec une dose EFFECTIVE (pondérée par la RBE)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>RBE-weighted (EFFECTIVE) dose in Gy(RBE) is compared with the clinical goals and the prescription</source>
        <translation>la dose pondérée par la RBE (EFFECTIVE) en Gy(RBE) est comparée aux objectifs cliniques et à la prescription</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>RBE-weighted (EFFECTIVE) dose in Gy(RBE) is compared with the prescription</source>
        <translation>la dose pondérée par la RBE (EFFECTIVE) en Gy(RBE) est comparée à la prescription</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>untyped</source>
        <translation>sans type</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{kind} plan reviewed on a {dose_type} dose: the clinical goals and the prescription are RBE-weighted (Gy(RBE)); use the EFFECTIVE dose</source>
        <translation>plan {kind} en revue sur une dose {dose_type} : les objectifs cliniques et la prescription sont pondérés par la RBE (Gy(RBE)) ; utiliser la dose EFFECTIVE</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{kind} plan reviewed on a {dose_type} dose: the prescription are RBE-weighted (Gy(RBE)); use the EFFECTIVE dose</source>
        <translation>plan {kind} en revue sur une dose {dose_type} : la prescription est pondérée par la RBE (Gy(RBE)) ; utiliser la dose EFFECTIVE</translation>
    </message>
    <message>
        <location filename="../../plannerview/review/checks/prescription.py" line="-91"/>
        <source>brachytherapy plan &apos;{plan}&apos; states no prescription</source>
        <translation>le plan de curiethérapie « {plan} » n&apos;indique pas de prescription</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>plan &apos;{plan}&apos; states no target prescription dose: nothing to check it against</source>
        <translation>le plan « {plan} » n&apos;indique pas de dose prescrite au volume cible : rien à quoi la comparer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rx {rx:g} Gy in {fractions} fx</source>
        <translation>prescription {rx:g} Gy en {fractions} fx</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>target dose levels {levels:g} Gy</source>
        <translation>niveaux de dose des volumes cibles {levels:g} Gy</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>fraction group: beam doses {per_fx:.4g} Gy x {fractions} fx = {total:.4g} Gy vs Rx {rx:g} Gy ({dev:+.1f} %)</source>
        <translation>groupe de fractions : doses des faisceaux {per_fx:.4g} Gy x {fractions} fx = {total:.4g} Gy contre prescription {rx:g} Gy ({dev:+.1f} %)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>plan label &apos;{label}&apos; says {label_fractions} fractions, the fraction group {fractions}</source>
        <translation>le libellé du plan « {label} » indique {label_fractions} fractions, le groupe de fractions {fractions}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>plan label &apos;{label}&apos; says {label_gy:g} Gy; the prescription is {rx:g} Gy ({per_fx:.3g} Gy/fx)</source>
        <translation>le libellé du plan « {label} » indique {label_gy:g} Gy ; la prescription est de {rx:g} Gy ({per_fx:.3g} Gy/fx)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>plan label &apos;{label}&apos; says {label_gy:g} Gy; the prescription is {rx:g} Gy</source>
        <translation>le libellé du plan « {label} » indique {label_gy:g} Gy ; la prescription est de {rx:g} Gy</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>plan intent is VERIFICATION (a QA plan), not a treatment plan</source>
        <translation>l&apos;intention du plan est VERIFICATION (un plan de CQ), pas un plan de traitement</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>dose maximum {dmax:.2f} {unit} = {pct:.1f} % of {ref:.4g} Gy</source>
        <translation>dose maximale {dmax:.2f} {unit} = {pct:.1f} % de {ref:.4g} Gy</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>target &apos;{target}&apos; ({how}) {metric} {dose:.2f} {unit} = {pct:.1f} % of Rx</source>
        <translation>volume cible « {target} » ({how}) {metric} {dose:.2f} {unit} = {pct:.1f} % de la prescription</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>no target ROI for the prescription ({how}): coverage not checked</source>
        <translation>aucune ROI de volume cible pour la prescription ({how}) : couverture non contrôlée</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>the dose under review is a BEAM dose (beam {beams}) of a plan with {count} treatment beams: the prescription and goals are for the whole plan</source>
        <translation>la dose en revue est une dose BEAM (faisceau {beams}) d&apos;un plan à {count} faisceaux de traitement : la prescription et les objectifs valent pour tout le plan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>BEAM dose of the plan&apos;s only treatment beam ({beams})</source>
        <translation>dose BEAM de l&apos;unique faisceau de traitement du plan ({beams})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>dose summation type {summation}: not a plan, fraction or multi-plan dose</source>
        <translation>type de sommation de dose {summation} : ni une dose de plan, ni de fraction, ni multi-plan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>dose summation type missing: not a plan, fraction or multi-plan dose</source>
        <translation>type de sommation de dose absent : ni une dose de plan, ni de fraction, ni multi-plan</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{summation} dose (no prescription/fractions to cross-check its level)</source>
        <translation>dose {summation} (pas de prescription/fractions pour en recouper le niveau)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>dose is labelled FRACTION but its maximum {dmax:.2f} Gy is near the total prescription {rx:g} Gy ({fractions} fx): it looks like a whole-plan dose</source>
        <translation>la dose est étiquetée FRACTION mais son maximum {dmax:.2f} Gy est proche de la prescription totale {rx:g} Gy ({fractions} fx) : elle ressemble à une dose de tout le plan</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>dose is labelled {summation} but its maximum {dmax:.2f} Gy is near one fraction&apos;s {per_fx:.3g} Gy (Rx {rx:g} Gy in {fractions}): it looks like a per-fraction dose</source>
        <translation>la dose est étiquetée {summation} mais son maximum {dmax:.2f} Gy est proche des {per_fx:.3g} Gy d&apos;une fraction (prescription {rx:g} Gy en {fractions}) : elle ressemble à une dose par fraction</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>FRACTION dose (max {dmax:.2f} Gy): goals and coverage are compared per fraction ({per_fx:.3g} Gy), protocols are usually for the whole course</source>
        <translation>dose FRACTION (max. {dmax:.2f} Gy) : objectifs et couverture sont comparés par fraction ({per_fx:.3g} Gy), les protocoles valent en général pour tout le traitement</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{summation} dose, maximum {dmax:.2f} Gy against Rx {rx:g} Gy in {fractions} fx</source>
        <translation>dose {summation}, maximum {dmax:.2f} Gy pour une prescription de {rx:g} Gy en {fractions} fx</translation>
    </message>
    <message>
        <location filename="../../plannerview/review/checks/references.py" line="-19"/>
        <source>plan &apos;{plan}&apos; is APPROVED in the planning system</source>
        <translation>le plan « {plan} » est APPROVED (approuvé) dans le système de planification</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>plan &apos;{plan}&apos; is UNAPPROVED: not yet approved in the planning system</source>
        <translation>le plan « {plan} » est UNAPPROVED : pas encore approuvé dans le système de planification</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>plan &apos;{plan}&apos; is REJECTED in the planning system</source>
        <translation>le plan « {plan} » est REJECTED (refusé) dans le système de planification</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>plan &apos;{plan}&apos; has no valid Approval Status ({status})</source>
        <translation>le plan « {plan} » n&apos;a pas de statut d&apos;approbation (Approval Status) valide ({status})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>plan &apos;{plan}&apos; has no valid Approval Status (missing)</source>
        <translation>le plan « {plan} » n&apos;a pas de statut d&apos;approbation (Approval Status) valide (absent)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the dose references no plan (ReferencedRTPlanSequence missing)</source>
        <translation>la dose ne référence aucun plan (ReferencedRTPlanSequence absente)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the dose references plan {uid}, which is not in the input (reviewing &apos;{plan}&apos;)</source>
        <translation>la dose référence le plan {uid}, absent des données (revue de « {plan} »)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the dose belongs to plan &apos;{other}&apos;, not to &apos;{plan}&apos;</source>
        <translation>la dose appartient au plan « {other} », pas à « {plan} »</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the dose references beam(s) {beams}, not in plan &apos;{plan}&apos;</source>
        <translation>la dose référence le(s) faisceau(x) {beams}, absent(s) du plan « {plan} »</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the dose references plan &apos;{plan}&apos; ({uid})</source>
        <translation>la dose référence le plan « {plan} » ({uid})</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the dose stores no TPS DVHs</source>
        <translation>la dose ne contient pas d&apos;HDV du TPS</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no structure set to compute our DVHs on</source>
        <translation>pas de jeu de structures sur lequel calculer nos HDV</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>RELATIVE dose: DVHs are not compared</source>
        <translation>dose RELATIVE : les HDV ne sont pas comparés</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>&apos;{roi}&apos; {metric}: ours {ours:.2f} Gy, TPS {theirs:.2f} Gy ({diff:+.1f} % of {ref:g} Gy)</source>
        <translation>« {roi} » {metric} : le nôtre {ours:.2f} Gy, TPS {theirs:.2f} Gy ({diff:+.1f} % de {ref:g} Gy)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>no stored TPS DVH of an ROI of at least {volume:g} cc</source>
        <translation>aucun HDV du TPS stocké pour une ROI d&apos;au moins {volume:g} cc</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} TPS DVHs agree with ours within {limit:g} % of {ref:g} Gy (largest {largest:.2f} %)</source>
        <translation>{count} HDV du TPS concordent avec les nôtres à {limit:g} % de {ref:g} Gy près (au plus {largest:.2f} %)</translation>
    </message>
    <message>
        <location filename="../../plannerview/review/checks/registry.py" line="+77"/>
        <source>nothing to check</source>
        <translation>rien à contrôler</translation>
    </message>
    <message>
        <location filename="../../plannerview/review/checks/runner.py" line="+119"/>
        <source>the check could not run: {error}</source>
        <translation>le contrôle n&apos;a pas pu s&apos;exécuter : {error}</translation>
    </message>
    <message>
        <location filename="../../plannerview/review/checks/structures.py" line="-81"/>
        <location line="+74"/>
        <source>no structure set</source>
        <translation>pas de jeu de structures</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>no target or organ ROIs to name</source>
        <translation>aucune ROI de volume cible ou d&apos;organe à nommer</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{standard} of {count} ROI names are TG-263</source>
        <translation>{standard} noms de ROI sur {count} suivent TG-263</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not standard but recognised: {names}</source>
        <translation>non standard mais reconnus : {names}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not recognised: {names}</source>
        <translation>non reconnus : {names}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>plan &apos;{plan}&apos; has no target dose reference with a prescription dose</source>
        <translation>le plan « {plan} » n&apos;a pas de référence de dose de volume cible avec une dose prescrite</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} target dose references (no structure set to match them to ROIs)</source>
        <translation>{count} références de dose de volume cible (pas de jeu de structures pour les associer aux ROI)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{count} target dose references but no target ROI in &apos;{structure_set}&apos;</source>
        <translation>{count} références de dose de volume cible mais aucune ROI de volume cible dans « {structure_set} »</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>none by ROI</source>
        <translation>aucune par ROI</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no target ROI is named by a dose reference ({references}); prescription taken to &apos;{target}&apos; ({how})</source>
        <translation>aucune ROI de volume cible n&apos;est nommée par une référence de dose ({references}) ; prescription attribuée à « {target} » ({how})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>targets without a dose reference: {targets} (linked: {linked})</source>
        <translation>volumes cibles sans référence de dose : {targets} (associés : {linked})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>every target has a dose reference: {linked}</source>
        <translation>chaque volume cible a une référence de dose : {linked}</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+7"/>
        <source>goal {roi} {metric}</source>
        <translation>objectif {roi} {metric}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no ROI is used by a dose reference or a goal</source>
        <translation>aucune ROI n&apos;est utilisée par une référence de dose ou un objectif</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&apos;{roi}&apos; ({why}) has no closed contours</source>
        <translation>« {roi} » ({why}) n&apos;a pas de contours fermés</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{count} ROIs used by dose references or goals all have contours: {rois}</source>
        <translation>les {count} ROI utilisées par des références de dose ou des objectifs ont toutes des contours : {rois}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>plan</source>
        <translation>plan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>structure set</source>
        <translation>jeu de structures</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>dose</source>
        <translation>dose</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>image</source>
        <translation>image</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{objects} are on {count} frames of reference: {detail}</source>
        <translation>{objects} sont sur {count} référentiels : {detail}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>only the plan: no structure set or dose to compare frames with</source>
        <translation>seulement le plan : pas de jeu de structures ni de dose avec quoi comparer les référentiels</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{objects} share frame of reference {frame}</source>
        <translation>{objects} partagent le référentiel {frame}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>no secondary images on another frame of reference</source>
        <translation>pas d&apos;images secondaires sur un autre référentiel</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{modality} series &apos;{series}&apos; is registered to the planning frame</source>
        <translation>la série {modality} « {series} » est recalée sur le référentiel de planification</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{modality} series &apos;{series}&apos; is referenced by the structure set (used in contouring) but no registration maps it to the planning frame</source>
        <translation>la série {modality} « {series} » est référencée par le jeu de structures (utilisée pour le contourage) mais aucun recalage ne la relie au référentiel de planification</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{modality} series &apos;{series}&apos; is on frame {frame} with no registration to the planning frame</source>
        <translation>la série {modality} « {series} » est sur le référentiel {frame} sans recalage vers le référentiel de planification</translation>
    </message>
    <message>
        <location filename="../../plannerview/compute/beam_entry.py" line="+162"/>
        <source>beam {beam}: gantry {gantry:g} deg, {position}: the beam dose enters where the beam does ({pct:.0f} % of the maximum at the entrance)</source>
        <translation>faisceau {beam} : bras {gantry:g} deg, {position} : la dose du faisceau entre là où entre le faisceau ({pct:.0f} % du maximum à l&apos;entrée)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>beam {beam}: gantry {gantry:g} deg, {position}: the plan dose enters where the beam does ({pct:.0f} % of the maximum at the entrance)</source>
        <translation>faisceau {beam} : bras {gantry:g} deg, {position} : la dose du plan entre là où entre le faisceau ({pct:.0f} % du maximum à l&apos;entrée)</translation>
    </message>
    <message>
        <location filename="../../plannerview/model/text.py" line="+51"/>
        <source>; </source>
        <extracomment>the separators of joined clauses and of lists of messages (Chinese writes &quot;；&quot; and &quot;、&quot;)</extracomment>
        <translation> ; </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+1"/>
        <source> or </source>
        <translation> ou </translation>
    </message>
    <message>
        <location filename="../../plannerview/compute/beam_entry.py" line="+4"/>
        <source>beam {beam}: gantry {gantry:g} deg, couch {couch:g} deg, {position} puts the entrance where the beam dose is {pct:.0f} % of its maximum; the dose enters as {positions} would place the beam: check the patient setup (position, couch, a fixed-beamline convention) before recalculating</source>
        <translation>faisceau {beam} : bras {gantry:g} deg, table {couch:g} deg, {position} place l&apos;entrée là où la dose du faisceau vaut {pct:.0f} % de son maximum ; la dose entre comme si {positions} plaçait le faisceau : contrôler le positionnement du patient (position, table, convention de ligne fixe) avant de recalculer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>beam {beam}: gantry {gantry:g} deg, couch {couch:g} deg, {position} puts the entrance where the plan dose is {pct:.0f} % of its maximum; the dose enters as {positions} would place the beam: check the patient setup (position, couch, a fixed-beamline convention) before recalculating</source>
        <translation>faisceau {beam} : bras {gantry:g} deg, table {couch:g} deg, {position} place l&apos;entrée là où la dose du plan vaut {pct:.0f} % de son maximum ; la dose entre comme si {positions} plaçait le faisceau : contrôler le positionnement du patient (position, table, convention de ligne fixe) avant de recalculer</translation>
    </message>
</context>
<context>
    <name>CompareWindow</name>
    <message>
        <location filename="../../plannerview/ui/compare_window.py" line="+73"/>
        <location line="+2"/>
        <location line="+444"/>
        <source>ROI</source>
        <extracomment>(label, value of the typed metrics) rows of the metrics table, per ROI</extracomment>
        <translation>ROI</translation>
    </message>
    <message>
        <location line="-446"/>
        <location line="+2"/>
        <location line="+444"/>
        <source>Metric</source>
        <translation>Métrique</translation>
    </message>
    <message>
        <location line="-443"/>
        <source>Limit</source>
        <translation>Limite</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A status</source>
        <translation>Statut A</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>B status</source>
        <translation>Statut B</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>plannerview — compare plans (not a medical device)</source>
        <translation>plannerview — comparaison de plans (pas un dispositif médical)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>A is {unit_a} ({summation_a}), B is {unit_b} ({summation_b}): tick &apos;Allow mixed dose types&apos; and press Compare</source>
        <translation>A est en {unit_a} ({summation_a}), B en {unit_b} ({summation_b}) : cochez « Types de dose mixtes » puis cliquez sur Comparer</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>(no protocol)</source>
        <translation>(aucun protocole)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Allow mixed dose types</source>
        <translation>Types de dose mixtes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare Gy with Gy(RBE), or doses of different summation types</source>
        <translation>Comparer des Gy avec des Gy(RBE), ou des doses de types de sommation différents</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>cut-off</source>
        <translation>seuil</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>low-dose cut-off, % of A&apos;s maximum (voxels below it are not evaluated)</source>
        <translation>seuil de basse dose, en % du maximum de A (les voxels en dessous ne sont pas évalués)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+281"/>
        <source>local</source>
        <translation>local</translation>
    </message>
    <message>
        <location line="-280"/>
        <source>local gamma: the dose criterion is % of the reference dose at each voxel</source>
        <translation>gamma local : le critère de dose est un % de la dose de référence en chaque voxel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reference</source>
        <translation>référence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>evaluated</source>
        <translation>évaluée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>local gamma normalised on the reference dose at each voxel (default), or on the evaluated dose at each searched point</source>
        <translation>gamma local normalisé sur la dose de référence en chaque voxel (par défaut), ou sur la dose évaluée en chaque point cherché</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Compare</source>
        <translation>Comparer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>derived</source>
        <translation>dérivé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in memory</source>
        <translation>en mémoire</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Protocol</source>
        <translation>Protocole</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Gamma</source>
        <translation>Gamma</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+241"/>
        <source>Dose</source>
        <translation>Dose</translation>
    </message>
    <message>
        <location line="-235"/>
        <source>DVH (A solid, B dashed)</source>
        <translation>HDV (A trait plein, B tirets)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Metrics</source>
        <translation>Métriques</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+290"/>
        <source>Goals</source>
        <translation>Objectifs</translation>
    </message>
    <message>
        <location line="-164"/>
        <source>A or B changed: press Compare</source>
        <translation>A ou B a changé : cliquez sur Comparer</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>choose two doses</source>
        <translation>choisissez deux doses</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>comparing…</source>
        <translation>comparaison…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source> — tick &apos;Allow mixed dose types&apos; to compare anyway</source>
        <translation> — cochez « Types de dose mixtes » pour comparer quand même</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>comparison failed: {error}</source>
        <translation>échec de la comparaison : {error}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>comparison cancelled</source>
        <translation>comparaison annulée</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>mean {mean}, range {low} … {high}</source>
        <translation>moyenne {mean}, étendue {low} … {high}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>global</source>
        <translation>global</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gamma {dd} %/{dta} mm {kind}, cut-off {cutoff} %: pass {rate} % of {voxels} voxels</source>
        <translation>Gamma {dd} %/{dta} mm {kind}, seuil {cutoff} % : {rate} % de réussite sur {voxels} voxels</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{a} vs {b}: gamma pass {rate} %, max |A − B| {max} {unit}</source>
        <translation>{a} / {b} : réussite gamma {rate} %, |A − B| max {max} {unit}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>gamma</source>
        <translation>gamma</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Goals ({protocol})</source>
        <translation>Objectifs ({protocol})</translation>
    </message>
</context>
<context>
    <name>ConsultStatusWidget</name>
    <message>
        <location filename="../../plugins/plannerview-consult/plannerview_consult/widget.py" line="+24"/>
        <source>connected</source>
        <translation>connecté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>offline</source>
        <translation>hors ligne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refused</source>
        <translation>refusé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>off</source>
        <translation>arrêté</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+8"/>
        <source>Consult: not running</source>
        <translation>Télé-expertise : inactive</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Sync now</source>
        <translation>Synchroniser</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Consult {server}: {state}; {waiting} waiting, {conflicts} conflict(s)</source>
        <translation>Télé-expertise {server} : {state} ; {waiting} en attente, {conflicts} conflit(s)</translation>
    </message>
</context>
<context>
    <name>DisplayPanel</name>
    <message>
        <location filename="../../plannerview/ui/display_panel.py" line="+41"/>
        <source>(custom)</source>
        <translation>(personnalisé)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Window preset</source>
        <translation>Préréglage de fenêtre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour wash</source>
        <translation>Dose en couleurs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Isodose lines</source>
        <translation>Isodoses</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>% Rx</source>
        <translation>% prescr.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wash from</source>
        <translation>Couleurs à partir de</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wash to</source>
        <translation>Couleurs jusqu&apos;à</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wash opacity</source>
        <translation>Opacité des couleurs</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Isodose levels</source>
        <translation>Niveaux d&apos;isodose</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Levels in</source>
        <translation>Niveaux en</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Registered image</source>
        <translation>Image recalée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blend</source>
        <translation>Fondu</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+33"/>
        <source>Per-fraction dose: show the whole course</source>
        <translation>Dose par fraction : afficher tout le traitement</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>A dose labelled FRACTION holds one fraction. Tick to multiply it by the plan&apos;s number of fractions (a new, labelled dose); untick to go back.</source>
        <translation>Une dose marquée FRACTION contient une seule fraction. Cocher pour la multiplier par le nombre de fractions du plan (une nouvelle dose, marquée) ; décocher pour revenir.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Per-fraction dose: show the whole course (x {count} fx)</source>
        <translation>Dose par fraction : afficher tout le traitement (x {count} fx)</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>no registration (REG) maps this image onto the primary image&apos;s frame</source>
        <translation>aucun recalage (REG) ne place cette image dans le repère de l&apos;image principale</translation>
    </message>
</context>
<context>
    <name>DoseCheck</name>
    <message>
        <location filename="../../plannerview/ui/dose_check_action.py" line="+42"/>
        <source>Check dose (independent engine)…</source>
        <translation>Contrôler la dose (moteur indépendant)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>recalculate the selected plan with an independent engine and compare it with the planning system&apos;s dose</source>
        <translation>recalculer le plan sélectionné avec un moteur indépendant et le comparer à la dose du système de planification</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Beam setup</source>
        <translation>Placement des faisceaux</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>As the plan states</source>
        <translation>Comme l&apos;indique le plan</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>beams placed as {position}</source>
        <translation>faisceaux placés en {position}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>beams placed as the plan states</source>
        <translation>faisceaux placés comme l&apos;indique le plan</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>select an external-beam plan first</source>
        <translation>sélectionnez d&apos;abord un plan à faisceaux externes</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>plan {plan} has no planning-system dose in Gy to compare with</source>
        <translation>le plan {plan} n&apos;a pas de dose du système de planification en Gy à comparer</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>checking the dose of {plan} with {engine}…</source>
        <translation>contrôle de dose de {plan} avec {engine}…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>dose check failed: {error}</source>
        <translation>échec du contrôle de dose : {error}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>dose check cancelled</source>
        <translation>contrôle de dose annulé</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>dose check {verdict}: gamma 3%/3mm {rate} %</source>
        <translation>contrôle de dose {verdict} : gamma 3%/3mm {rate} %</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, normalised x{factor}</source>
        <translation>, normalisée x{factor}</translation>
    </message>
</context>
<context>
    <name>DoseCheckReasons</name>
    <message>
        <location filename="../../plannerview/review/dose_check.py" line="+289"/>
        <source>gamma 3%/3mm {rate:.1f} % is below the action level {level:g} %</source>
        <translation>gamma 3%/3mm {rate:.1f} % sous le niveau d&apos;action {level:g} %</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>gamma 3%/3mm {rate:.1f} % is below {level:g} % (action level {action:g} %)</source>
        <translation>gamma 3%/3mm {rate:.1f} % sous {level:g} % (niveau d&apos;action {action:g} %)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>gamma 3%/3mm {rate:.1f} % &gt;= {level:g} %</source>
        <translation>gamma 3%/3mm {rate:.1f} % &gt;= {level:g} %</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>target {target}: mean dose differs by {diff:+.1f} % (action level {level:g} %)</source>
        <translation>volume cible {target} : la dose moyenne diffère de {diff:+.1f} % (niveau d&apos;action {level:g} %)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>target {target}: mean dose differs by {diff:+.1f} %</source>
        <translation>volume cible {target} : la dose moyenne diffère de {diff:+.1f} %</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>statistical uncertainty {uncertainty:.1f} % in the target is above {level:g} %: Monte Carlo noise makes gamma pass rates optimistic</source>
        <translation>incertitude statistique de {uncertainty:.1f} % dans le volume cible, au-dessus de {level:g} % : le bruit Monte Carlo rend les taux de réussite gamma optimistes</translation>
    </message>
</context>
<context>
    <name>DvhPanel</name>
    <message>
        <location filename="../../plannerview/ui/dvh_panel.py" line="+48"/>
        <source>{percent} % of the ROI inside the dose grid</source>
        <translation>{percent} % de la ROI dans la grille de dose</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Volume in %</source>
        <translation>Volume en %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dose in % of Rx</source>
        <translation>Dose en % de la prescription</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TPS DVH (dashed)</source>
        <translation>HDV du TPS (tirets)</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>no structures and dose in one frame of reference</source>
        <translation>pas de structures et de dose dans un même référentiel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>computing DVHs…</source>
        <translation>calcul des HDV…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{count} DVHs</source>
        <translation>{count} HDV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; {count} ROIs partly outside the dose grid</source>
        <translation> ; {count} ROI en partie hors de la grille de dose</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; 1 ROI partly outside the dose grid</source>
        <translation> ; 1 ROI en partie hors de la grille de dose</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>DVH failed: {error}</source>
        <translation>échec du HDV : {error}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Dose</source>
        <translation>Dose</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>% Rx</source>
        <translation>% prescr.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{roi}: {inside} of {volume} cc inside the dose grid; the curve and its figures are for that part</source>
        <translation>{roi} : {inside} sur {volume} cc dans la grille de dose ; la courbe et ses valeurs portent sur cette partie</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>dashed, thin: the TPS&apos;s own DVH</source>
        <translation>tirets fins : l&apos;HDV du TPS lui-même</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>dose axis to {percent} % of the prescription; the maximum is {dmax} {unit} (zoom out to see it)</source>
        <translation>axe des doses jusqu&apos;à {percent} % de la prescription ; le maximum est {dmax} {unit} (dézoomer pour le voir)</translation>
    </message>
</context>
<context>
    <name>EditPanel</name>
    <message>
        <location filename="../../plannerview/ui/edit_panel.py" line="+43"/>
        <source>Brush</source>
        <translation>Pinceau</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Eraser</source>
        <translation>Gomme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Polygon</source>
        <translation>Polygone</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Freehand</source>
        <translation>Main levée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paint: click or drag</source>
        <translation>Peindre : cliquer ou glisser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Erase: click or drag</source>
        <translation>Effacer : cliquer ou glisser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click vertices; double-click or Enter closes</source>
        <translation>Cliquer les sommets ; double-clic ou Entrée pour fermer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Press, draw the outline, release</source>
        <translation>Appuyer, tracer le contour, relâcher</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit a copy of this ROI (the structure set is not changed)</source>
        <translation>Modifier une copie de cette ROI (le jeu de structures n&apos;est pas modifié)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>new ROI name</source>
        <translation>nom de la nouvelle ROI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New ROI</source>
        <translation>Nouvelle ROI</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+194"/>
        <source>Editing: —</source>
        <translation>En modification : —</translation>
    </message>
    <message>
        <location line="-193"/>
        <source>ROI</source>
        <translation>ROI</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Tool (axial view)</source>
        <translation>Outil (vue axiale)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Brush and eraser radius ([ and ] in the view)</source>
        <translation>Rayon du pinceau et de la gomme ([ et ] dans la vue)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Brush radius</source>
        <translation>Rayon du pinceau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Slices</source>
        <translation>Coupes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete contour on this slice</source>
        <translation>Supprimer le contour sur cette coupe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interpolate to the nearest drawn slices</source>
        <translation>Interpoler jusqu&apos;aux coupes dessinées les plus proches</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>slice number as shown in the axial view</source>
        <translation>numéro de coupe affiché dans la vue axiale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interpolate between</source>
        <translation>Interpoler entre</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>and</source>
        <translation>et</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Undo edit</source>
        <translation>Annuler la modification</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redo edit</source>
        <translation>Rétablir la modification</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save as new structure set…</source>
        <translation>Enregistrer comme nouveau jeu de structures…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>editing a copy of {roi}</source>
        <translation>modification d&apos;une copie de {roi}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>new ROI {roi}</source>
        <translation>nouvelle ROI {roi}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>interpolated slices {first}-{last} between {lower} and {upper}</source>
        <translation>coupes {first} à {last} interpolées entre {lower} et {upper}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>saved {rois} to {file}</source>
        <translation>{rois} enregistré(s) dans {file}</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Editing: {roi}</source>
        <translation>En modification : {roi}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(new)</source>
        <translation>(nouvelle)</translation>
    </message>
</context>
<context>
    <name>Findings</name>
    <message>
        <location filename="../../plannerview/io/preflight.py" line="+42"/>
        <source>structure set &apos;{structure_set}&apos; is in frame of reference {frame} but the image series it references is in {image_frame}; contours would be misplaced</source>
        <translation>le jeu de structures « {structure_set} » est dans le référentiel {frame} mais la série d&apos;images qu&apos;il référence est dans {image_frame} ; les contours seraient mal placés</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>structure set &apos;{structure_set}&apos; references {count} images, {missing} of which are not in the input; contours are placed on images by position</source>
        <translation>le jeu de structures « {structure_set} » référence {count} images, dont {missing} absentes des données ; les contours sont placés sur les images par leur position</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>ROI &apos;{roi}&apos; has no contours</source>
        <translation>la ROI « {roi} » n&apos;a pas de contours</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>ROI &apos;{roi}&apos; mixes {count} open contours with closed ones; open ones are ignored for volumes and DVHs</source>
        <translation>la ROI « {roi} » mêle {count} contours ouverts à des contours fermés ; les ouverts sont ignorés pour les volumes et les HDV</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>ROI &apos;{roi}&apos; has {count} degenerate closed contours (fewer than 3 points or no area)</source>
        <translation>la ROI « {roi} » a {count} contours fermés dégénérés (moins de 3 points ou sans aire)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ROI &apos;{roi}&apos; has {count} contours that are not in an axial plane</source>
        <translation>la ROI « {roi} » a {count} contours hors d&apos;un plan axial</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>ROI &apos;{roi}&apos; has contours on {count} planes where there is no image slice</source>
        <translation>la ROI « {roi} » a des contours sur {count} plans sans coupe d&apos;image</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>plan &apos;{plan}&apos; states no target prescription dose</source>
        <translation>le plan « {plan} » n&apos;indique pas de dose prescrite au volume cible</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>plan &apos;{plan}&apos; states no number of fractions</source>
        <translation>le plan « {plan} » n&apos;indique pas de nombre de fractions</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>plan &apos;{plan}&apos; holds no beams (a plan cut short loses them): nothing to deliver</source>
        <translation>le plan « {plan} » ne contient aucun faisceau (un plan tronqué les perd) : rien à délivrer</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>plan &apos;{plan}&apos;: treatment beam &apos;{beam}&apos; (#{number}) delivers no meterset</source>
        <translation>plan « {plan} » : le faisceau de traitement « {beam} » (#{number}) ne délivre aucune unité moniteur</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>plan &apos;{plan}&apos; references structure set {uid}, which is not in the input</source>
        <translation>le plan « {plan} » référence le jeu de structures {uid}, absent des données</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>plan &apos;{plan}&apos; and its structure set &apos;{structure_set}&apos; are in different frames of reference</source>
        <translation>le plan « {plan} » et son jeu de structures « {structure_set} » sont dans des référentiels différents</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>dose is in {units} units, not Gy: absolute dose values cannot be reported</source>
        <translation>la dose est en unités {units}, pas en Gy : les valeurs de dose absolues ne peuvent pas être données</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>dose references plan {uid}, which is not in the input</source>
        <translation>la dose référence le plan {uid}, absent des données</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>dose and its plan &apos;{plan}&apos; are in different frames of reference</source>
        <translation>la dose et son plan « {plan} » sont dans des référentiels différents</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the TPS&apos;s DVHs of ROI number(s) {numbers} match no ROI of structure set &apos;{structure_set}&apos;; they cannot be compared</source>
        <translation>les HDV du TPS des ROI numéro(s) {numbers} ne correspondent à aucune ROI du jeu de structures « {structure_set} » ; ils ne peuvent pas être comparés</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>prescription {rx:g} Gy in {fractions} fx</source>
        <translation>prescription {rx:g} Gy en {fractions} fx</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the plan states no prescription; its beam doses add up to {per_fx:.2f} Gy per fraction, {fractions} fx</source>
        <translation>le plan n&apos;indique pas de prescription ; ses doses de faisceau font {per_fx:.2f} Gy par fraction, {fractions} fx</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>plan &apos;{plan}&apos; states no prescription: whether the dose labelled {summation} holds one fraction or the whole course cannot be checked (its maximum is {dmax:.2f} Gy)</source>
        <translation>le plan « {plan} » n&apos;indique pas de prescription : impossible de contrôler si la dose étiquetée {summation} vaut une fraction ou tout le traitement (son maximum est {dmax:.2f} Gy)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>plan &apos;{plan}&apos; states no prescription and no number of fractions: whether the dose labelled {summation} holds one fraction or the whole course cannot be checked (its maximum is {dmax:.2f} Gy)</source>
        <translation>le plan « {plan} » n&apos;indique ni prescription ni nombre de fractions : impossible de contrôler si la dose étiquetée {summation} vaut une fraction ou tout le traitement (son maximum est {dmax:.2f} Gy)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>dose is labelled FRACTION (one fraction) but its maximum {dmax:.2f} Gy is {ratio:.1f} times one fraction&apos;s {per_fx:.2f} Gy ({basis}): it looks like a whole-course dose. It is read per fraction; scaling it to the course would multiply it again</source>
        <translation>la dose est étiquetée FRACTION (une fraction) mais son maximum {dmax:.2f} Gy vaut {ratio:.1f} fois les {per_fx:.2f} Gy d&apos;une fraction ({basis}) : elle ressemble à une dose de tout le traitement. Elle est lue par fraction ; la ramener au traitement la multiplierait encore</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>dose is labelled PLAN (whole course) but its maximum {dmax:.2f} Gy is only {ratio:.1f} times one fraction&apos;s {per_fx:.2f} Gy ({basis}): it looks like a per-fraction dose; whole-course goals would be met too easily</source>
        <translation>la dose est étiquetée PLAN (tout le traitement) mais son maximum {dmax:.2f} Gy ne vaut que {ratio:.1f} fois les {per_fx:.2f} Gy d&apos;une fraction ({basis}) : elle ressemble à une dose par fraction ; les objectifs du traitement entier seraient atteints trop facilement</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>dose grid does not cover all of target &apos;{target}&apos;; its DVH would be incomplete</source>
        <translation>la grille de dose ne couvre pas tout le volume cible « {target} » ; son HDV serait incomplet</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>patient differs between linked objects: &apos;{id}&apos; / &apos;{name}&apos; here, &apos;{other_id}&apos; / &apos;{other_name}&apos; in {file}</source>
        <translation>le patient diffère entre objets liés : « {id} » / « {name} » ici, « {other_id} » / « {other_name} » dans {file}</translation>
    </message>
    <message>
        <location filename="../../plannerview/io/scan.py" line="+104"/>
        <source>more than {count:,} files below the inputs: the rest were not read</source>
        <translation>plus de {count:,} fichiers sous les entrées : les autres n&apos;ont pas été lus</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>folder cannot be read ({why}); its files were not loaded</source>
        <translation>dossier illisible ({why}) ; ses fichiers n&apos;ont pas été chargés</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>folders nested more than {depth} levels below {root} were not searched</source>
        <translation>les dossiers imbriqués à plus de {depth} niveaux sous {root} n&apos;ont pas été parcourus</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>link to a folder: not followed</source>
        <translation>lien vers un dossier : non suivi</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+192"/>
        <source>cannot be read: {why}</source>
        <translation>illisible : {why}</translation>
    </message>
    <message>
        <location line="-185"/>
        <source>not a regular file (a device, pipe or socket, or a link to one); not read</source>
        <translation>pas un fichier ordinaire (périphérique, tube ou socket, ou lien vers l&apos;un d&apos;eux) ; non lu</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>file of {size:,.0f} MiB exceeds the {limit:,.0f} MiB limit for one file; not read</source>
        <translation>fichier de {size:,.0f} MiB au-delà de la limite de {limit:,.0f} MiB par fichier ; non lu</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>damaged zip archive: {why}; not read</source>
        <translation>archive zip endommagée : {why} ; non lue</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>zip archive holds {count:,} members; only the first {limit:,} were read</source>
        <translation>l&apos;archive zip contient {count:,} membres ; seuls les {limit:,} premiers ont été lus</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>encrypted zip member; not read</source>
        <translation>membre zip chiffré ; non lu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the archive&apos;s members exceed {limit:,.0f} MiB uncompressed in total; not read (zip bomb?)</source>
        <translation>les membres de l&apos;archive dépassent {limit:,.0f} MiB décompressés au total ; non lu (bombe zip ?)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>member of {size:,.0f} MiB uncompressed exceeds the limit ({left:,.0f} MiB left of the archive&apos;s budget); not read</source>
        <translation>membre de {size:,.0f} MiB décompressé au-delà de la limite ({left:,.0f} MiB restants du budget de l&apos;archive) ; non lu</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>member declares a compression ratio above {ratio}:1; not read (zip bomb?)</source>
        <translation>le membre déclare un taux de compression supérieur à {ratio}:1 ; non lu (bombe zip ?)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>member inflates beyond its declared size, the size limit or a {ratio}:1 compression ratio; not read (zip bomb?)</source>
        <translation>le membre se décompresse au-delà de sa taille déclarée, de la limite de taille ou d&apos;un taux de compression de {ratio}:1 ; non lu (bombe zip ?)</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>not a DICOM file (no DICOM preamble and no DICOM element at its start)</source>
        <translation>pas un fichier DICOM (ni préambule DICOM ni élément DICOM au début)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>DICOM file with {what}</source>
        <translation>fichier DICOM avec {what}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{padding:,} zero bytes follow {size:,} bytes of data; not read</source>
        <translation>{padding:,} octets nuls suivent {size:,} octets de données ; non lu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{padding:,} bytes of zeros after the data set were ignored (a padded or damaged copy)</source>
        <translation>{padding:,} octets nuls après le jeu de données ont été ignorés (copie complétée ou endommagée)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>damaged zip member: {why}; not read</source>
        <translation>membre zip endommagé : {why} ; non lu</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>not a readable DICOM file ({why})</source>
        <translation>pas un fichier DICOM lisible ({why})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>damaged file: sequences nested too deeply; not used</source>
        <translation>fichier endommagé : séquences trop imbriquées ; non utilisé</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../plannerview/io/loader.py" line="+203"/>
        <source>damaged file: {why}; not used</source>
        <translation>fichier endommagé : {why} ; non utilisé</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>not a DICOM file (no SOP class and no modality found)</source>
        <translation>pas un fichier DICOM (ni classe SOP ni modalité trouvée)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>corrupt DICOM content: {why}</source>
        <translation>contenu DICOM corrompu : {why}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>DICOM object of a kind plannerview does not use (modality {modality}, SOP class {sop}); skipped</source>
        <translation>objet DICOM d&apos;un type que plannerview n&apos;utilise pas (modalité {modality}, classe SOP {sop}) ; ignoré</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>vendor private SOP class {sop} read as standard {kind} content</source>
        <translation>classe SOP privée du fabricant {sop} lue comme contenu {kind} standard</translation>
    </message>
    <message>
        <location filename="../../plannerview/io/loader.py" line="-112"/>
        <source>image series could not be read: {why}</source>
        <translation>la série d&apos;images n&apos;a pas pu être lue : {why}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{kind} could not be read ({why}); not used</source>
        <translation>{kind} illisible ({why}) ; non utilisé</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>some preflight checks could not run: {why}</source>
        <translation>certains contrôles préliminaires n&apos;ont pas pu s&apos;exécuter : {why}</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>{count:,} files in {folder} are not DICOM (the first {listed} are listed)</source>
        <translation>{count:,} fichiers de {folder} ne sont pas DICOM (les {listed} premiers sont listés)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>truncated copy of {file} (same SOP Instance UID; {why}); the complete copy {file} was used</source>
        <translation>copie tronquée de {file} (même SOP Instance UID ; {why}) ; la copie complète {file} a été utilisée</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>identical copy of {file}; ignored</source>
        <translation>copie identique de {file} ; ignorée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>has the same SOP Instance UID as {file} but different content; only {file} (first in file order) was loaded</source>
        <translation>même SOP Instance UID que {file} mais contenu différent ; seul {file} (premier dans l&apos;ordre des fichiers) a été chargé</translation>
    </message>
    <message>
        <location filename="../../plannerview/io/images.py" line="+29"/>
        <source>image slice</source>
        <translation>coupe d&apos;image</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{modality} slice</source>
        <translation>coupe {modality}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>image slice lacks {tags}; it cannot be placed and was skipped</source>
        <translation>il manque {tags} à la coupe d&apos;image ; elle ne peut pas être placée et a été ignorée</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>image slice has no pixel data; skipped</source>
        <translation>la coupe d&apos;image n&apos;a pas de données de pixels ; ignorée</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{frames} frames in a single-frame image object; not supported</source>
        <translation>{frames} trames dans un objet image à trame unique ; non pris en charge</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>is 0: every pixel would have the same value</source>
        <translation>vaut 0 : tous les pixels auraient la même valeur</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>image series could not be assembled ({why}); not used</source>
        <translation>la série d&apos;images n&apos;a pas pu être assemblée ({why}) ; non utilisée</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>slice differs in size or orientation from the rest of its series; skipped</source>
        <translation>la coupe diffère en taille ou en orientation du reste de sa série ; ignorée</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>two slices at the same position ({position:.2f} mm along the normal); the second was skipped</source>
        <translation>deux coupes à la même position ({position:.2f} mm le long de la normale) ; la seconde a été ignorée</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{modality} series</source>
        <translation>série {modality}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>image series</source>
        <translation>série d&apos;images</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{slices} slices of {rows} x {cols} exceed the limit of {limit:,} voxels (PLANNERVIEW_MAX_VOXELS)</source>
        <translation>{slices} coupes de {rows} x {cols} dépassent la limite de {limit:,} voxels (PLANNERVIEW_MAX_VOXELS)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{modality} slice spacing is uneven ({low:.2f} to {high:.2f} mm); geometry uses the median {median:.2f} mm</source>
        <translation>l&apos;espacement des coupes {modality} est irrégulier ({low:.2f} à {high:.2f} mm) ; la géométrie utilise la médiane {median:.2f} mm</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{modality} series acquired with gantry tilt ({angle:.1f} deg); slices are sheared, geometry is approximate</source>
        <translation>série {modality} acquise avec inclinaison du bras ({angle:.1f} deg) ; les coupes sont cisaillées, la géométrie est approximative</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>single-slice {modality} series states no SliceThickness; 1 mm assumed</source>
        <translation>la série {modality} à coupe unique n&apos;indique pas de SliceThickness ; 1 mm supposé</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{modality} series has a single slice</source>
        <translation>la série {modality} n&apos;a qu&apos;une coupe</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{modality} series is not axial (slice normal {normal})</source>
        <translation>la série {modality} n&apos;est pas axiale (normale des coupes {normal})</translation>
    </message>
    <message>
        <location filename="../../plannerview/io/integrity.py" line="+87"/>
        <source>the top level</source>
        <translation>le niveau supérieur</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>the data ends 1 byte into an element header</source>
        <translation>les données s&apos;arrêtent 1 octet après le début d&apos;un en-tête d&apos;élément</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the data ends {count} bytes into an element header</source>
        <translation>les données s&apos;arrêtent {count} octets après le début d&apos;un en-tête d&apos;élément</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the data ends inside the header of {tag}</source>
        <translation>les données s&apos;arrêtent dans l&apos;en-tête de {tag}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>more than {count:,} elements: not read</source>
        <translation>plus de {count:,} éléments : non lu</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{count:,} zero bytes at byte {pos:,} inside {where}: the structure is damaged</source>
        <translation>{count:,} octets nuls à l&apos;octet {pos:,} dans {where} : la structure est endommagée</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count:,} zero bytes at byte {pos:,}: the structure is damaged</source>
        <translation>{count:,} octets nuls à l&apos;octet {pos:,} : la structure est endommagée</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>unexpected item tag inside {where} at byte {pos}: the structure is damaged</source>
        <translation>balise d&apos;item inattendue dans {where} à l&apos;octet {pos} : la structure est endommagée</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{name} in {where} declares {length:,} bytes but the data ends after {after:,}: {missing:,} bytes are missing</source>
        <translation>{name} dans {where} déclare {length:,} octets mais les données s&apos;arrêtent après {after:,} : il manque {missing:,} octets</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} declares {length:,} bytes but the data ends after {after:,}: {missing:,} bytes are missing</source>
        <translation>{name} déclare {length:,} octets mais les données s&apos;arrêtent après {after:,} : il manque {missing:,} octets</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: the data ends before the item is closed</source>
        <translation>{where} : les données s&apos;arrêtent avant la fin de l&apos;item</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>sequences nested deeper than {levels} levels at {where}</source>
        <translation>séquences imbriquées sur plus de {levels} niveaux dans {where}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{sequence} is not closed: the data ends after {count} complete item(s) ({where})</source>
        <translation>{sequence} n&apos;est pas fermée : les données s&apos;arrêtent après {count} item(s) complet(s) ({where})</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{sequence}: item {number} does not start with an item tag (byte {pos}); the structure is damaged</source>
        <translation>{sequence} : l&apos;item {number} ne commence pas par une balise d&apos;item (octet {pos}) ; la structure est endommagée</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{sequence} item {number}</source>
        <translation>{sequence} item {number}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{where} declares {length:,} bytes but the data ends after {after:,}</source>
        <translation>{where} déclare {length:,} octets mais les données s&apos;arrêtent après {after:,}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>the file meta information is cut short</source>
        <translation>les méta-informations du fichier sont tronquées</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the file holds no data set after its header</source>
        <translation>le fichier ne contient aucun jeu de données après son en-tête</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{count:,} bytes follow the pixel data, which would be read shifted</source>
        <translation>{count:,} octets suivent les données de pixels, qui seraient lues décalées</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the data ends inside an element header</source>
        <translation>les données s&apos;arrêtent dans un en-tête d&apos;élément</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>the file is empty</source>
        <translation>le fichier est vide</translation>
    </message>
    <message>
        <location filename="../../plannerview/io/rtstruct.py" line="+32"/>
        <source>structure set has no ReferencedFrameOfReferenceSequence; frame of reference taken from its ROIs</source>
        <translation>le jeu de structures n&apos;a pas de ReferencedFrameOfReferenceSequence ; référentiel pris de ses ROI</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>structure set has no ReferencedFrameOfReferenceSequence; frame of reference taken from the images it is matched to</source>
        <translation>le jeu de structures n&apos;a pas de ReferencedFrameOfReferenceSequence ; référentiel pris des images auxquelles il est associé</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>ROI number {roi} is defined twice</source>
        <translation>le numéro de ROI {roi} est défini deux fois</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>ROI &apos;{name}&apos;</source>
        <translation>ROI « {name} »</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ROI {roi} is not defined in StructureSetROISequence</source>
        <translation>la ROI {roi} n&apos;est pas définie dans StructureSetROISequence</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>two ROIContourSequence items refer to ROI {roi}</source>
        <translation>deux items de ROIContourSequence renvoient à la ROI {roi}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{where}, contour {number}</source>
        <translation>{where}, contour {number}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>says {declared} points but ContourData holds {count}</source>
        <translation>indique {declared} points mais ContourData en contient {count}</translation>
    </message>
    <message>
        <location filename="../../plannerview/io/rtdose.py" line="+45"/>
        <source>RTDOSE lacks ImageOrientationPatient; axial orientation assumed</source>
        <translation>il manque ImageOrientationPatient au RTDOSE ; orientation axiale supposée</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>signed pixel data with negative values ({value}) in a dose of type {dose_type}: the standard allows signed values only for DoseType ERROR (the data look unsigned)</source>
        <translation>données de pixels signées avec des valeurs négatives ({value}) dans une dose de type {dose_type} : la norme n&apos;autorise les valeurs signées que pour DoseType ERROR (les données semblent non signées)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 (signed) in a dose of type {dose_type}, which the standard allows only for DoseType ERROR; no value is negative, so none changes</source>
        <translation>1 (signé) dans une dose de type {dose_type}, ce que la norme n&apos;autorise que pour DoseType ERROR ; aucune valeur n&apos;est négative, donc aucune ne change</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{scaling:g} gives a maximum of {dose:.3g} {units}, above the plausible {limit:g}</source>
        <translation>{scaling:g} donne un maximum de {dose:.3g} {units}, au-dessus du plausible {limit:g}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{scaling:g} gives a maximum of {dose:.3g} {units}, below the plausible {limit:g}</source>
        <translation>{scaling:g} donne un maximum de {dose:.3g} {units}, au-dessous du plausible {limit:g}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>two frames at the same position</source>
        <translation>deux trames à la même position</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>GridFrameOffsetVector starts at {offset:g} mm, neither 0 (relative) nor the first frame&apos;s position (absolute); read as relative offsets</source>
        <translation>GridFrameOffsetVector commence à {offset:g} mm, ni 0 (relatif) ni la position de la première trame (absolu) ; lu comme décalages relatifs</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>dose frame spacing is uneven ({low:.2f} to {high:.2f} mm)</source>
        <translation>l&apos;espacement des trames de dose est irrégulier ({low:.2f} à {high:.2f} mm)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>single-frame RTDOSE states no SliceThickness; 1 mm assumed for its voxel volume</source>
        <translation>le RTDOSE à trame unique n&apos;indique pas de SliceThickness ; 1 mm supposé pour le volume de ses voxels</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>missing</source>
        <translation>absent</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>holds {count} bins, DVHNumberOfBins says {bins}</source>
        <translation>contient {count} intervalles, DVHNumberOfBins en indique {bins}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>holds a negative bin width or volume</source>
        <translation>contient une largeur d&apos;intervalle ou un volume négatif</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the TPS&apos;s DVH is not used: {problem}</source>
        <translation>l&apos;histogramme dose-volume du TPS n&apos;est pas utilisé : {problem}</translation>
    </message>
    <message>
        <location filename="../../plannerview/io/registration.py" line="+42"/>
        <source>REG maps its own frame of reference with a non-identity matrix; ignored</source>
        <translation>le REG transforme son propre référentiel par une matrice non identité ; ignoré</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>REG matrix type {type} is not rigid; not applied</source>
        <translation>le type de matrice REG {type} n&apos;est pas rigide ; non appliqué</translation>
    </message>
    <message>
        <location filename="../../plannerview/io/validate.py" line="+128"/>
        <source>{what} not used: {problem}</source>
        <translation>{what} inutilisable : {problem}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{what}: {count} more invalid values</source>
        <translation>{what} : {count} autres valeurs invalides</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>missing (the standard requires it)</source>
        <translation>absent (la norme l&apos;exige)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>empty (the standard requires a value)</source>
        <translation>vide (la norme exige une valeur)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not a number</source>
        <translation>pas un nombre</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>holds {count} values, {expected} expected</source>
        <translation>contient {count} valeurs, {expected} attendues</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>holds {count} values, {low}..{high} expected</source>
        <translation>contient {count} valeurs, {low}..{high} attendues</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>holds {count} values, {low} or more expected</source>
        <translation>contient {count} valeurs, au moins {low} attendues</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../plannerview/io/rtplan.py" line="+460"/>
        <source>holds {count} values, not a multiple of {step}</source>
        <translation>contient {count} valeurs, pas un multiple de {step}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>holds a non-finite value ({value}) at position {position}</source>
        <translation>contient une valeur non finie ({value}) en position {position}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>holds a non-integer value ({value:g})</source>
        <translation>contient une valeur non entière ({value:g})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>value {value:.0f} is beyond the 32-bit range of an integer</source>
        <translation>la valeur {value:.0f} dépasse la plage d&apos;un entier de 32 bits</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>value {value:g} is not above {limit:g}</source>
        <translation>la valeur {value:g} n&apos;est pas supérieure à {limit:g}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>value {value:g} is below {limit:g}</source>
        <translation>la valeur {value:g} est inférieure à {limit:g}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>value {value:g} is not below {limit:g}</source>
        <translation>la valeur {value:g} n&apos;est pas inférieure à {limit:g}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>value {value:g} is above {limit:g}</source>
        <translation>la valeur {value:g} est supérieure à {limit:g}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>direction cosines are not unit vectors (lengths {row:.4f}, {column:.4f})</source>
        <translation>les cosinus directeurs ne sont pas des vecteurs unitaires (normes {row:.4f} et {column:.4f})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>row and column directions are not orthogonal (cosine {cosine:.4f})</source>
        <translation>les directions des lignes et des colonnes ne sont pas orthogonales (cosinus {cosine:.4f})</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>missing or empty (the standard requires a value)</source>
        <translation>absent ou vide (la norme exige une valeur)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{value} is not one of {allowed}</source>
        <translation>{value} ne fait pas partie de {allowed}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>missing or empty (the standard requires a UID)</source>
        <translation>absent ou vide (la norme exige un UID)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{value} is not a UID (digits and dots, at most 64 characters)</source>
        <translation>{value} n&apos;est pas un UID (chiffres et points, 64 caractères au plus)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>value {value} is used twice</source>
        <translation>la valeur {value} est utilisée deux fois</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{tag} in {where}: {message}</source>
        <translation>{tag} dans {where} : {message}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{tag}: {message}</source>
        <translation>{tag} : {message}</translation>
    </message>
    <message>
        <location filename="../../plannerview/io/pixels.py" line="+82"/>
        <source>{bits} is not one of {allowed}</source>
        <translation>{bits} ne fait pas partie de {allowed}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{samples} samples per pixel (colour); plannerview reads greyscale data only</source>
        <translation>{samples} échantillons par pixel (couleur) ; plannerview ne lit que des niveaux de gris</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>missing: the object holds no pixel data</source>
        <translation>absent : l&apos;objet ne contient pas de données de pixels</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{rows} x {cols} x {frames} frames = {voxels:,} voxels exceeds the limit of {limit:,} (PLANNERVIEW_MAX_VOXELS)</source>
        <translation>{rows} x {cols} x {frames} trames = {voxels:,} voxels dépasse la limite de {limit:,} (PLANNERVIEW_MAX_VOXELS)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>compressed as {syntax}, for which no decoder is installed (pylibjpeg or GDCM adds JPEG-LS and JPEG 2000); the pixels cannot be read</source>
        <translation>compressé en {syntax}, pour lequel aucun décodeur n&apos;est installé (pylibjpeg ou GDCM ajoute JPEG-LS et JPEG 2000) ; les pixels ne peuvent pas être lus</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>unreadable pixel data element</source>
        <translation>élément de données de pixels illisible</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>holds {size:,} bytes but Rows x Columns x NumberOfFrames x BitsAllocated ({rows} x {cols} x {frames} x {bits} bits) need {need:,}</source>
        <translation>contient {size:,} octets mais Rows x Columns x NumberOfFrames x BitsAllocated ({rows} x {cols} x {frames} x {bits} bits) en demandent {need:,}</translation>
    </message>
    <message>
        <location filename="../../plannerview/io/rtplan.py" line="-371"/>
        <source>the beam sequence</source>
        <translation>la séquence des faisceaux</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>beam {beam} is not in the plan&apos;s beam sequence</source>
        <translation>le faisceau {beam} n&apos;est pas dans la séquence des faisceaux du plan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FractionGroupSequence group {number}</source>
        <translation>FractionGroupSequence, groupe {number}</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>says {beams} beams but ReferencedBeamSequence holds {count}</source>
        <translation>indique {beams} faisceaux mais ReferencedBeamSequence en contient {count}</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+25"/>
        <location line="+41"/>
        <location line="+75"/>
        <location line="+6"/>
        <location line="+26"/>
        <source>{where}, control point {point}</source>
        <translation>{where}, point de contrôle {point}</translation>
    </message>
    <message>
        <location line="-166"/>
        <source>the first control point starts at {weight:g}, not 0</source>
        <translation>le premier point de contrôle commence à {weight:g}, pas à 0</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>decreases from {before:g} to {after:g} (control points {first} to {second})</source>
        <translation>diminue de {before:g} à {after:g} (points de contrôle {first} à {second})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>reaches {weight:g}, above FinalCumulativeMetersetWeight {final:g}</source>
        <translation>atteint {weight:g}, au-dessus de FinalCumulativeMetersetWeight {final:g}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the last control point holds {weight:g}, not FinalCumulativeMetersetWeight {final:g}</source>
        <translation>le dernier point de contrôle vaut {weight:g}, pas FinalCumulativeMetersetWeight {final:g}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>says {declared} but the sequence holds {count} control points</source>
        <translation>indique {declared} mais la séquence contient {count} points de contrôle</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>control point {point} has index {index}</source>
        <translation>le point de contrôle {point} a l&apos;indice {index}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>beam {number}</source>
        <translation>faisceau {number}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>do not increase strictly</source>
        <translation>ne sont pas strictement croissantes</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>a leaf or jaw of the first bank lies beyond its opposite</source>
        <translation>une lame ou mâchoire du premier banc dépasse son opposée</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>application setup {setup}, channel {channel}</source>
        <translation>configuration d&apos;applicateur {setup}, canal {channel}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>decreases from {before:g} to {after:g}</source>
        <translation>diminue de {before:g} à {after:g}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>ion beam {number}</source>
        <translation>faisceau d&apos;ions {number}</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>{where}, range shifter setting {number}</source>
        <translation>{where}, réglage de range shifter {number}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>sum to {total:.6g}, but the cumulative meterset weight advances by {step:.6g} to the next control point (the standard requires them equal)</source>
        <translation>totalisent {total:.6g}, mais le poids cumulé des unités moniteur avance de {step:.6g} jusqu&apos;au point de contrôle suivant (la norme exige l&apos;égalité)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{where}, range shifter {number}</source>
        <translation>{where}, range shifter {number}</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>unreadable</source>
        <translation>illisible</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>holds {size} bytes, not a whole number of 4-byte floats</source>
        <translation>contient {size} octets, pas un nombre entier de flottants de 4 octets</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>holds {count} values, {expected} expected for {spots} spots</source>
        <translation>contient {count} valeurs, {expected} attendues pour {spots} spots</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>holds a non-finite value</source>
        <translation>contient une valeur non finie</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>value {value:g} is outside {low:g}..{high}</source>
        <translation>la valeur {value:g} est hors de {low:g}..{high}</translation>
    </message>
</context>
<context>
    <name>FindingsLine</name>
    <message>
        <location filename="../../plannerview/ui/findings_line.py" line="+61"/>
        <source>1 error</source>
        <translation>1 erreur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{count} errors</source>
        <translation>{count} erreurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 warning</source>
        <translation>1 avertissement</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{count} warnings</source>
        <translation>{count} avertissements</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{first}, {second}</source>
        <translation>{first}, {second}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preflight of the objects in use: {counts}</source>
        <translation>Vérification préalable des objets utilisés : {counts}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> — goals on them are not trusted (never pass)</source>
        <translation> — leurs objectifs ne sont pas fiables (jamais respectés)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>… {count} more (tooltip; all in the Case panel)</source>
        <translation>… {count} de plus (info-bulle ; tous dans le panneau Cas)</translation>
    </message>
</context>
<context>
    <name>GoalNotes</name>
    <message>
        <location filename="../../plannerview/compute/goals.py" line="+165"/>
        <source>would be pass, but not trusted: preflight error {errors}</source>
        <translation>serait conforme, mais non fiable : erreur de contrôle préalable {errors}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>would be acceptable, but not trusted: preflight error {errors}</source>
        <translation>serait acceptable, mais non fiable : erreur de contrôle préalable {errors}</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>{fractions} fx</source>
        <translation>{fractions} fx</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the plan&apos;s fractions</source>
        <translation>les fractions du plan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>per-fraction dose evaluated against whole-course limits: dose {dose} is labelled FRACTION (one fraction), the protocol&apos;s limits are for the whole course ({rx:g} Gy in {fractions} fx). Values are per fraction; --scale-to-course evaluates the course (x {n})</source>
        <translation>dose par fraction évaluée avec des limites de tout le traitement : la dose {dose} est étiquetée FRACTION (une fraction), les limites du protocole valent pour tout le traitement ({rx:g} Gy en {fractions} fx). Les valeurs sont par fraction ; --scale-to-course évalue le traitement entier (x {n})</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>plan fractionation unknown: limits are for {protocol} fx</source>
        <translation>fractionnement du plan inconnu : les limites valent pour {protocol} fx</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>fractionation differs: plan {plan} fx, protocol {protocol} fx (limits are for {protocol} fx; use EQD2 to convert)</source>
        <translation>fractionnement différent : plan {plan} fx, protocole {protocol} fx (les limites valent pour {protocol} fx ; convertir avec EQD2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>plan dose taken as {plan} fx for EQD2, protocol {protocol} fx</source>
        <translation>dose du plan prise en {plan} fx pour l&apos;EQD2, protocole {protocol} fx</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>RBE-weighted dose (Gy(RBE)) compared with limits in Gy</source>
        <translation>dose pondérée par la RBE (Gy(RBE)) comparée à des limites en Gy</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>no ROI matches {names} (TG-263); name it in an ROI map</source>
        <translation>aucune ROI ne correspond à {names} (TG-263) ; la nommer dans une table des ROI</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>best of {rois} (also {others})</source>
        <translation>meilleure de {rois} (aussi {others})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>best of {rois}</source>
        <translation>meilleure de {rois}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>no {wanted}: alternative {roi} used</source>
        <translation>pas de {wanted} : ROI alternative {roi} utilisée</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>metric not computable on this DVH</source>
        <translation>métrique non calculable sur cet HDV</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the dose grid is RELATIVE, not Gy: absolute-dose metric not computable</source>
        <translation>la grille de dose est RELATIVE, pas en Gy : métrique de dose absolue non calculable</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the ROI is outside the dose grid or has no volume</source>
        <translation>la ROI est hors de la grille de dose ou n&apos;a pas de volume</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the ROI ({covered:.3g} cc in the dose grid) is smaller than {volume:g} cc</source>
        <translation>la ROI ({covered:.3g} cc dans la grille de dose) est plus petite que {volume:g} cc</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{metric}: only doses in Gy are converted to total EQD2</source>
        <translation>{metric} : seules les doses en Gy sont converties en EQD2 total</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>total EQD2 (alpha/beta {ab:g} Gy): {per_fx:.2f} Gy per fraction ({summation} dose of {plan_fractions} fx divided by them) x {fractions} fx = {brachy:.1f} Gy, + external beam {ebrt_fractions} x {ebrt_per_fx:g} Gy = {ebrt:.1f} Gy</source>
        <translation>EQD2 total (alpha/bêta {ab:g} Gy) : {per_fx:.2f} Gy par fraction (dose {summation} de {plan_fractions} fx divisée par celles-ci) x {fractions} fx = {brachy:.1f} Gy, + faisceaux externes {ebrt_fractions} x {ebrt_per_fx:g} Gy = {ebrt:.1f} Gy</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>total EQD2 (alpha/beta {ab:g} Gy): {per_fx:.2f} Gy per fraction x {fractions} fx = {brachy:.1f} Gy, + external beam {ebrt_fractions} x {ebrt_per_fx:g} Gy = {ebrt:.1f} Gy</source>
        <translation>EQD2 total (alpha/bêta {ab:g} Gy) : {per_fx:.2f} Gy par fraction x {fractions} fx = {brachy:.1f} Gy, + faisceaux externes {ebrt_fractions} x {ebrt_per_fx:g} Gy = {ebrt:.1f} Gy</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>EQD2 (alpha/beta {ab:g} Gy): limit {limit:g} Gy in {fractions} fx = {eqd2:.2f} Gy EQD2</source>
        <translation>EQD2 (alpha/bêta {ab:g} Gy) : limite {limit:g} Gy en {fractions} fx = {eqd2:.2f} Gy EQD2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>EQD2 (alpha/beta {ab:g} Gy): threshold {threshold:g} Gy in {fractions} fx = {eqd2:.2f} Gy EQD2</source>
        <translation>EQD2 (alpha/bêta {ab:g} Gy) : seuil {threshold:g} Gy en {fractions} fx = {eqd2:.2f} Gy EQD2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>relative to the prescription (or an index): the same in EQD2, evaluated on the physical dose</source>
        <translation>relatif à la prescription (ou un indice) : identique en EQD2, évalué sur la dose physique</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the protocol&apos;s limits are RBE-weighted doses (Gy(RBE)); this dose is {dose_type}: evaluate the EFFECTIVE (RBE-weighted) dose</source>
        <translation>les limites du protocole sont des doses pondérées par la RBE (Gy(RBE)) ; cette dose est {dose_type} : évaluer la dose EFFECTIVE (pondérée par la RBE)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the protocol&apos;s limits are RBE-weighted doses (Gy(RBE)); this dose is of unknown type: evaluate the EFFECTIVE (RBE-weighted) dose</source>
        <translation>les limites du protocole sont des doses pondérées par la RBE (Gy(RBE)) ; cette dose est de type inconnu : évaluer la dose EFFECTIVE (pondérée par la RBE)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>% of the plan&apos;s prescription {rx:g} Gy per fraction ({total:g} Gy / {fractions} fx)</source>
        <translation>% de la prescription du plan, {rx:g} Gy par fraction ({total:g} Gy / {fractions} fx)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>% of the plan&apos;s prescription {rx:g} Gy</source>
        <translation>% de la prescription du plan, {rx:g} Gy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>% of the protocol&apos;s prescription {rx:g} Gy per fraction ({total:g} Gy / {fractions} fx) (the plan states none)</source>
        <translation>% de la prescription du protocole, {rx:g} Gy par fraction ({total:g} Gy / {fractions} fx) (le plan n&apos;en indique pas)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>% of the protocol&apos;s prescription {rx:g} Gy (the plan states none)</source>
        <translation>% de la prescription du protocole, {rx:g} Gy (le plan n&apos;en indique pas)</translation>
    </message>
    <message>
        <location filename="../../plannerview/compute/roi_names.py" line="+28"/>
        <source> and </source>
        <translation> et </translation>
    </message>
    <message>
        <location line="+173"/>
        <source>{roi} taken as ipsilateral ({why})</source>
        <translation>{roi} pris comme homolatéral ({why})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{roi} taken as contralateral ({why})</source>
        <translation>{roi} pris comme controlatéral ({why})</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>each reads as TG-263 {wanted}</source>
        <translation>chacune se lit comme {wanted} de TG-263</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{roi} is TG-263 {wanted} (read without its trailing number)</source>
        <translation>{roi} est {wanted} de TG-263 (lu sans son numéro final)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{roi} is TG-263 {wanted}</source>
        <translation>{roi} est {wanted} de TG-263</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>union of {rois} (no {wanted} ROI)</source>
        <translation>union de {rois} (pas de ROI {wanted})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the parts overlap in places, so the union is approximate</source>
        <translation>les parties se chevauchent par endroits : l&apos;union est approchée</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+5"/>
        <source>{roi} mapped to {wanted} by the ROI map</source>
        <translation>{roi} associée à {wanted} par la table des ROI</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>exact name</source>
        <translation>nom exact</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{roi} (name differs in case only)</source>
        <translation>{roi} (nom différent par la casse seulement)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{count} ROIs could be the {wanted} ({names}): {why}; choose one with an ROI map (&apos;{first}: {wanted}&apos;)</source>
        <translation>{count} ROI pourraient être {wanted} ({names}) : {why} ; choisissez-en une dans une table des ROI (« {first}: {wanted} »)</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>referenced by the plan&apos;s target dose reference</source>
        <translation>référencée par la référence de dose de volume cible du plan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>named and typed as a {kind}</source>
        <translation>nommée et typée {kind}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>named as a {kind} (its RT ROI type says otherwise)</source>
        <translation>nommée {kind} (son type RT ROI dit autre chose)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>typed as a {kind}</source>
        <translation>typée {kind}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{kind} with {dose:g} Gy in its name</source>
        <translation>{kind} avec {dose:g} Gy dans son nom</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{kind} with the prescription ({dose:g} Gy) in its name</source>
        <translation>{kind} avec la prescription ({dose:g} Gy) dans son nom</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{kind} with the highest dose in its name ({dose:g} Gy)</source>
        <translation>{kind} avec la dose la plus haute dans son nom ({dose:g} Gy)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the highest dose level of the {kind}s by name ({roi})</source>
        <translation>le niveau de dose le plus haut des {kind} d&apos;après leur nom ({roi})</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>covered by the 95 % prescription isodose (not: {left_out})</source>
        <translation>couverte par l&apos;isodose 95 % de la prescription (pas : {left_out})</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>no target to tell the side</source>
        <translation>aucun volume cible pour dire le côté</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>targets on the patient&apos;s left of the body&apos;s centre</source>
        <translation>volumes cibles à gauche du centre du corps du patient</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>targets on the patient&apos;s right of the body&apos;s centre</source>
        <translation>volumes cibles à droite du centre du corps du patient</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>targets on the patient&apos;s left of x = 0 (no EXTERNAL ROI)</source>
        <translation>volumes cibles à gauche de x = 0 chez le patient (pas de ROI EXTERNAL)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>targets on the patient&apos;s right of x = 0 (no EXTERNAL ROI)</source>
        <translation>volumes cibles à droite de x = 0 chez le patient (pas de ROI EXTERNAL)</translation>
    </message>
    <message>
        <location filename="../../plannerview/compute/metrics.py" line="+76"/>
        <source>{metric}: a volume percentage must be between 0 and 100</source>
        <translation>{metric} : un pourcentage de volume doit être entre 0 et 100</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cannot read metric {metric}; use e.g. {examples}</source>
        <translation>métrique {metric} illisible ; utilisez par exemple {examples}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{metric}: a prescription is needed to express dose in %</source>
        <translation>{metric} : une prescription est nécessaire pour exprimer la dose en %</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{metric}: a prescription is needed for a dose in % of prescription</source>
        <translation>{metric} : une prescription est nécessaire pour une dose en % de la prescription</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{metric}: needs the dose grid and a prescription</source>
        <translation>{metric} : nécessite la grille de dose et une prescription</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>unknown metric kind {kind}</source>
        <translation>type de métrique inconnu {kind}</translation>
    </message>
    <message>
        <location filename="../../plannerview/compute/dvh.py" line="+79"/>
        <source>point ROI: no volume, no DVH</source>
        <translation>ROI ponctuelle : pas de volume, pas d&apos;histogramme dose-volume</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>empty ROI: no volume, no DVH</source>
        <translation>ROI vide : pas de volume, pas d&apos;histogramme dose-volume</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>open-contour ROI: no volume, no DVH</source>
        <translation>ROI à contours ouverts : pas de volume, pas d&apos;histogramme dose-volume</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>single contour plane: slab thickness {thickness:g} mm taken from the structure set&apos;s plane spacing</source>
        <translation>un seul plan de contour : épaisseur de tranche {thickness:g} mm prise de l&apos;espacement des plans du jeu de structures</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>single contour plane: slab thickness {thickness:g} mm taken from the dose grid&apos;s slice spacing</source>
        <translation>un seul plan de contour : épaisseur de tranche {thickness:g} mm prise de l&apos;espacement des coupes de la grille de dose</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>{uncovered:.2f} cc of the ROI&apos;s {total:.2f} cc lies outside the dose grid; the DVH covers the rest</source>
        <translation>{uncovered:.2f} cc des {total:.2f} cc de la ROI sont hors de la grille de dose ; l&apos;histogramme dose-volume couvre le reste</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>dose is RELATIVE: DVH in relative dose units, no Gy values</source>
        <translation>la dose est RELATIVE : histogramme dose-volume en unités de dose relatives, pas de valeurs en Gy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ROI entirely outside the dose grid</source>
        <translation>ROI entièrement hors de la grille de dose</translation>
    </message>
</context>
<context>
    <name>GoalsPanel</name>
    <message>
        <location filename="../../plannerview/ui/brachy_panel.py" line="-49"/>
        <location filename="../../plannerview/ui/goals_panel.py" line="+42"/>
        <source>ROI</source>
        <translation>ROI</translation>
    </message>
    <message>
        <location filename="../../plannerview/ui/goals_panel.py" line="+0"/>
        <source>Matched</source>
        <translation>ROI associée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Metric</source>
        <translation>Métrique</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limit</source>
        <translation>Limite</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Acceptable</source>
        <translation>Acceptable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note</source>
        <translation>Remarque</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(choose a protocol)</source>
        <translation>(choisir un protocole)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(pick the ROI)</source>
        <translation>(choisir la ROI)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Protocol</source>
        <translation>Protocole</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>your choice</source>
        <translation>votre choix</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>choose one</source>
        <translation>choisissez-en un</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No protocol applied: {why}</source>
        <translation>Aucun protocole appliqué : {why}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>chosen by you</source>
        <translation>choisi par vous</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applied: &lt;b&gt;{title}&lt;/b&gt; — {why}</source>
        <translation>Appliqué : &lt;b&gt;{title}&lt;/b&gt; — {why}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>protocol not readable: {error}</source>
        <translation>protocole illisible : {error}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>needs structures and a dose</source>
        <translation>il faut des structures et une dose</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>choose a protocol</source>
        <translation>choisissez un protocole</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>several ROIs could be the {roi}: pick the one the goal means</source>
        <translation>plusieurs ROI pourraient être {roi} : choisissez celle que vise l&apos;objectif</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>* computed on ROIs partly outside the dose grid (share inside the grid: {shares})</source>
        <translation>* calculé sur des ROI en partie hors de la grille de dose (part dans la grille : {shares})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>several ROIs could be the {rois}: pick one in the Matched column (remembered for this structure set)</source>
        <translation>plusieurs ROI pourraient être {rois} : choisissez-en une dans la colonne ROI associée (mémorisé pour ce jeu de structures)</translation>
    </message>
    <message>
        <location line="-89"/>
        <source>evaluating…</source>
        <translation>évaluation…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>failed: {error}</source>
        <translation>échec : {error}</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>only {percent} % of {roi} lies inside the dose grid: the value is for that part</source>
        <translation>seulement {percent} % de {roi} est dans la grille de dose : la valeur porte sur cette partie</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{passed} pass, {acceptable} acceptable, {failed} fail</source>
        <translation>{passed} respecté(s), {acceptable} acceptable(s), {failed} non respecté(s)</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <location filename="../../plannerview/ui/i18n.py" line="+111"/>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>{language} from the next start of plannerview</source>
        <translation>{language} au prochain démarrage de plannerview</translation>
    </message>
    <message>
        <location line="-36"/>
        <location line="+42"/>
        <source>Language</source>
        <extracomment>the Qt locale of each language (numbers, spin boxes); group separators are never written Qt&apos;s own catalogue for each language (standard dialog buttons, file dialogs)</extracomment>
        <translation>Langue</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../plannerview/ui/main_window.py" line="+87"/>
        <source>plannerview {version} — plan review (not a medical device)</source>
        <translation>plannerview {version} — revue de plan (pas un dispositif médical)</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>DVH</source>
        <translation>HDV</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>DVH panel loading…</source>
        <translation>chargement du panneau HDV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clinical goals</source>
        <translation>Objectifs cliniques</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Review</source>
        <translation>Revue</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Case</source>
        <translation>Cas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ROIs</source>
        <translation>ROI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Display</source>
        <translation>Affichage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Readout</source>
        <translation>Valeurs</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+97"/>
        <source>Edit contours</source>
        <translation>Modifier les contours</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>Brachytherapy</source>
        <translation>Curiethérapie</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+92"/>
        <source>Annotations</source>
        <translation>Annotations</translation>
    </message>
    <message>
        <location line="-85"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>plugins unavailable (see the log)</source>
        <translation>extensions indisponibles (voir le journal)</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open folder…</source>
        <translation>Ouvrir un dossier…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open files…</source>
        <translation>Ouvrir des fichiers…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open recent</source>
        <translation>Ouverts récemment</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clear recent</source>
        <translation>Effacer les récents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remember recent cases</source>
        <translation>Mémoriser les cas récents</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save screenshot…</source>
        <translation>Enregistrer une capture d&apos;écran…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export report…</source>
        <translation>Exporter le rapport…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Window: {preset}</source>
        <translation>Fenêtre : {preset}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reset views</source>
        <translation>Réinitialiser les vues</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Distance ruler</source>
        <translation>Règle de distance</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Show all ROIs</source>
        <translation>Afficher toutes les ROI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide all ROIs</source>
        <translation>Masquer toutes les ROI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filled contours</source>
        <translation>Contours remplis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Toggle dose wash</source>
        <translation>Afficher/masquer la dose en couleurs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Toggle isodose lines</source>
        <translation>Afficher/masquer les isodoses</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Light / dark theme</source>
        <translation>Thème clair / sombre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next slice</source>
        <translation>Coupe suivante</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous slice</source>
        <translation>Coupe précédente</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Tools</source>
        <translation>&amp;Outils</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compare plans…</source>
        <translation>Comparer des plans…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Plugins</source>
        <translation>E&amp;xtensions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About</source>
        <translation>À propos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Main</source>
        <translation>Principale</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reset</source>
        <translation>Réinitialiser</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>not found: {paths}</source>
        <translation>introuvable : {paths}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>loading {paths}…</source>
        <translation>chargement de {paths}…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Unsaved contour edits</source>
        <translation>Modifications de contours non enregistrées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edits of {rois} are not saved. Discard them?</source>
        <translation>Les modifications de {rois} ne sont pas enregistrées. Les abandonner ?</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>loaded {objects} objects from {files} files</source>
        <translation>{objects} objets chargés depuis {files} fichiers</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>; {findings} findings ({errors} errors) — see the Case panel</source>
        <translation> ; {findings} constats ({errors} erreurs) — voir le panneau Cas</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No images were found: dose and contours are shown on a blank patient-space canvas</source>
        <translation>Aucune image trouvée : la dose et les contours sont affichés sur un fond vierge dans l&apos;espace patient</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>loading failed: {error}</source>
        <translation>échec du chargement : {error}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>loading cancelled</source>
        <translation>chargement annulé</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open DICOM folder</source>
        <translation>Ouvrir un dossier DICOM</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open DICOM files or zip archives</source>
        <translation>Ouvrir des fichiers DICOM ou des archives zip</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Save screenshot</source>
        <translation>Enregistrer une capture d&apos;écran</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>screenshot not saved: {error}</source>
        <translation>capture non enregistrée : {error}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>no plan to report on</source>
        <translation>aucun plan pour le rapport</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export review report</source>
        <translation>Exporter le rapport de revue</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>writing the report {path}…</source>
        <translation>écriture du rapport {path}…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>report written: {path}</source>
        <translation>rapport écrit : {path}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>report failed: {error}</source>
        <translation>échec du rapport : {error}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>comparing needs a case with at least two doses</source>
        <translation>la comparaison demande un cas avec au moins deux doses</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open-source radiotherapy plan review. A research and review aid, not a medical device.</source>
        <translation>Revue de plans de radiothérapie, logiciel libre. Une aide à la recherche et à la revue, pas un dispositif médical.</translation>
    </message>
    <message>
        <location filename="../../plannerview/cli/cmd_open.py" line="+69"/>
        <source>no demo case found: open a folder (Ctrl+O) or drop one here</source>
        <translation>pas de cas de démonstration : ouvrez un dossier (Ctrl+O) ou déposez-le ici</translation>
    </message>
</context>
<context>
    <name>ParamDialog</name>
    <message>
        <location filename="../../plannerview/ui/param_form.py" line="+143"/>
        <source>Run</source>
        <translation>Exécuter</translation>
    </message>
</context>
<context>
    <name>ParamForm</name>
    <message>
        <location line="-65"/>
        <source>{low} to {high}</source>
        <translation>de {low} à {high}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>no parameters</source>
        <translation>aucun paramètre</translation>
    </message>
</context>
<context>
    <name>PlanChecks</name>
    <message>
        <location filename="../../plannerview/ui/check_titles.py" line="+17"/>
        <source>Prescription consistent across dose references, fraction group, label and dose</source>
        <translation>Prescription cohérente entre références de dose, groupe de fractions, libellé et dose</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dose summation type matches what is compared</source>
        <translation>Le type de sommation de la dose correspond à ce qui est comparé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dose grid resolution suits the technique</source>
        <translation>Résolution de la grille de dose adaptée à la technique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dose grid covers the targets and the body where the beams enter</source>
        <translation>La grille de dose couvre les volumes cibles et le corps à l&apos;entrée des faisceaux</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MU (meterset) per Gy per fraction plausible for the technique</source>
        <translation>MU (meterset) par Gy et par fraction plausibles pour la technique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Beam energies consistent and within the machine&apos;s range</source>
        <translation>Énergies des faisceaux cohérentes et dans la gamme de la machine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No treatment beam with zero meterset</source>
        <translation>Aucun faisceau de traitement avec un meterset nul</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Setup and imaging beams not counted as treatment</source>
        <translation>Faisceaux de positionnement et d&apos;imagerie non comptés comme traitement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Isocentre inside the body and near the targets</source>
        <translation>Isocentre dans le corps et près des volumes cibles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Couch / support structures present when beams pass through the couch</source>
        <translation>Structures de table / de support présentes quand des faisceaux traversent la table</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Structure names follow TG-263</source>
        <translation>Noms des structures conformes à TG-263</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Targets have dose references</source>
        <translation>Les volumes cibles ont des références de dose</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No empty ROIs used by goals or dose references</source>
        <translation>Aucune ROI vide utilisée par les objectifs ou les références de dose</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Structure set, plan and dose on one frame of reference</source>
        <translation>Jeu de structures, plan et dose dans un même référentiel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registrations present for secondary images</source>
        <translation>Recalages présents pour les images secondaires</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan approval status</source>
        <translation>Statut d&apos;approbation du plan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The dose&apos;s plan reference resolves</source>
        <translation>La référence de la dose à son plan est résolue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TPS DVH (when stored) agrees with ours</source>
        <translation>L&apos;HDV du TPS (s&apos;il est stocké) concorde avec le nôtre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ion: range shifter and snout consistent</source>
        <translation>Ions : range shifter et snout cohérents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ion: spot count and energy layers plausible</source>
        <translation>Ions : nombre de spots et couches en énergie plausibles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ion: RBE-weighted (EFFECTIVE) dose compared with RBE goals</source>
        <translation>Ions : dose pondérée par le RBE (EFFECTIVE) comparée aux objectifs RBE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each beam&apos;s dose enters where the plan&apos;s geometry says</source>
        <translation>La dose de chaque faisceau entre là où l&apos;indique la géométrie du plan</translation>
    </message>
</context>
<context>
    <name>PluginStatusPanel</name>
    <message>
        <location filename="../../plannerview/ui/plugin_status.py" line="+25"/>
        <source>Plugin / contribution</source>
        <translation>Extension / contribution</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Faults</source>
        <translation>Défauts</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Origin</source>
        <translation>Origine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Settings…</source>
        <translation>Réglages…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enable again</source>
        <translation>Réactiver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>worker process</source>
        <translation>processus séparé</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>{plugin} settings</source>
        <translation>Réglages de {plugin}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Plugin settings</source>
        <translation>Réglages de l&apos;extension</translation>
    </message>
</context>
<context>
    <name>PluginTexts</name>
    <message>
        <location filename="../../plannerview/ui/plugin_texts.py" line="+16"/>
        <source>Remote consult: de-identified sharing to an Orthanc hub, annotations as DICOM SR, two-way sync</source>
        <translation>Télé-expertise : partage anonymisé vers un serveur Orthanc, annotations en DICOM SR, synchronisation dans les deux sens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>server</source>
        <translation>serveur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the hub&apos;s base URL, e.g. https://hub.example.org:8443 (DICOMweb at URL/dicom-web)</source>
        <translation>l&apos;URL de base du serveur, p. ex. https://hub.example.org:8443 (DICOMweb à URL/dicom-web)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ca</source>
        <translation>AC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CA certificate file to trust for an https hub (empty: the system&apos;s)</source>
        <translation>fichier du certificat d&apos;AC à approuver pour un serveur https (vide : celui du système)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>consult</source>
        <translation>télé-expertise</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>share a de-identified case to a consult hub, annotate it, sync the annotations</source>
        <translation>partager un cas anonymisé vers un serveur de télé-expertise, l&apos;annoter, synchroniser les annotations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consult sync</source>
        <translation>Synchronisation de télé-expertise</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>annotations to and from the consult hub, in the background</source>
        <translation>annotations vers et depuis le serveur de télé-expertise, en arrière-plan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consult status</source>
        <translation>État de la télé-expertise</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the sync service&apos;s state: connected, items waiting, conflicts</source>
        <translation>l&apos;état du service de synchronisation : connexion, éléments en attente, conflits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consult hub (DICOMweb)</source>
        <translation>Serveur de télé-expertise (DICOMweb)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>push: de-identify a case here and upload it (STOW-RS); pull: retrieve a shared study</source>
        <translation>envoi : anonymiser un cas ici et le téléverser (STOW-RS) ; réception : récupérer une étude partagée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Automatic CT contours: external, lungs (left/right, airways removed), bones, air cavities</source>
        <translation>Contours automatiques sur le scanner : contour externe, poumons (gauche/droit, voies aériennes retirées), os, cavités aériennes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Body (external)</source>
        <translation>Corps (contour externe)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>patient outline; couch and outside air excluded</source>
        <translation>contour du patient ; table et air extérieur exclus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>body threshold hu</source>
        <translation>seuil du corps (HU)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tissue above this is patient (air and foam below)</source>
        <translation>les tissus au-dessus font partie du patient (air et mousse en dessous)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>couch cut mm</source>
        <translation>coupure de la table (mm)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>structures thinner than twice this (couch, cables) are cut away</source>
        <translation>les structures plus fines que deux fois cette valeur (table, câbles) sont retirées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lungs (left, right)</source>
        <translation>Poumons (gauche, droit)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>left and right lungs; trachea and main bronchi removed</source>
        <translation>poumons gauche et droit ; trachée et bronches souches retirées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lung threshold hu</source>
        <translation>seuil du poumon (HU)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lung tissue is below this</source>
        <translation>le tissu pulmonaire est en dessous</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>airway hu</source>
        <translation>voies aériennes (HU)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>trachea and bronchi are grown below this (made stricter on leaks)</source>
        <translation>trachée et bronches croissent en dessous (plus strict en cas de fuite)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>min lung cc</source>
        <translation>poumon minimal (cc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>smallest component counted as a lung</source>
        <translation>plus petite composante comptée comme un poumon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lung closing mm</source>
        <translation>fermeture du poumon (mm)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in-plane closing radius that keeps vessels in the lungs</source>
        <translation>rayon de fermeture dans le plan qui garde les vaisseaux dans les poumons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bones</source>
        <translation>Os</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bone by threshold, marrow filled</source>
        <translation>os par seuil, moelle comblée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bone threshold hu</source>
        <translation>seuil de l&apos;os (HU)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bone is above this</source>
        <translation>l&apos;os est au-dessus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>min bone cc</source>
        <translation>os minimal (cc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bone pieces smaller than this are dropped</source>
        <translation>les fragments d&apos;os plus petits sont écartés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Air cavities</source>
        <translation>Cavités aériennes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>air inside the body outside the lungs</source>
        <translation>air dans le corps hors des poumons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>air threshold hu</source>
        <translation>seuil de l&apos;air (HU)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>air is below this</source>
        <translation>l&apos;air est en dessous</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>min air cc</source>
        <translation>air minimal (cc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>air pockets smaller than this are dropped</source>
        <translation>les poches d&apos;air plus petites sont écartées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Body, lungs, bones, air cavities</source>
        <translation>Corps, poumons, os, cavités aériennes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>all automatic structures in one pass</source>
        <translation>toutes les structures automatiques en une passe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Independent dose calculation (MCsquare, pyRadPlan) for the secondary dose check</source>
        <translation>Calcul de dose indépendant (MCsquare, pyRadPlan) pour le contrôle de dose secondaire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bdl file</source>
        <translation>fichier BDL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>your MCsquare beam data library (BDL, with its MU-to-protons calibration); empty: the generic one</source>
        <translation>votre bibliothèque de données de faisceau MCsquare (BDL, avec son étalonnage MU-protons) ; vide : la générique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hu density file</source>
        <translation>fichier HU-densité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>your clinic&apos;s HU-to-density table (MCsquare format); set with hu_material_file; empty: the generic UCL Toshiba table</source>
        <translation>la table HU-densité de votre centre (format MCsquare) ; à définir avec hu_material_file ; vide : la table générique UCL Toshiba</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hu material file</source>
        <translation>fichier HU-matériau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>your clinic&apos;s HU-to-material table (MCsquare format)</source>
        <translation>la table HU-matériau de votre centre (format MCsquare)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>engines dir</source>
        <translation>dossier des moteurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>where the engines were provisioned (empty: &lt;python prefix&gt;/share/plannerview-dose)</source>
        <translation>où les moteurs ont été installés (vide : &lt;python prefix&gt;/share/plannerview-dose)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MCsquare proton Monte Carlo</source>
        <translation>MCsquare, Monte Carlo protons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proton PBS plans with MCsquare (UCLouvain): Monte Carlo in its own process; beam model (BDL) and CT calibration from the plugin settings, generic ones shipped; statistical uncertainty in the target reported</source>
        <translation>Plans de protons PBS avec MCsquare (UCLouvain) : Monte Carlo dans son propre processus ; modèle de faisceau (BDL) et étalonnage CT tirés des réglages de l&apos;extension, génériques fournis ; incertitude statistique dans le volume cible indiquée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>target uncertainty pct</source>
        <translation>incertitude dans la cible (%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>simulate until the statistical uncertainty in the target (mean relative standard error over its voxels; without a target, over the voxels above half the maximum) is below this; 0: exactly &apos;primaries&apos;</source>
        <translation>simuler jusqu&apos;à ce que l&apos;incertitude statistique dans le volume cible (erreur standard relative moyenne sur ses voxels ; sans cible, sur les voxels au-dessus de la moitié du maximum) passe sous cette valeur ; 0 : exactement « primaires »</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>primaries</source>
        <translation>primaires</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>primaries of the four pilot batches together (more batches follow until the target uncertainty is met)</source>
        <translation>primaires des quatre lots pilotes ensemble (d&apos;autres lots suivent jusqu&apos;à atteindre l&apos;incertitude dans la cible)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max minutes</source>
        <translation>durée maximale (min)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>time limit of the simulation (0: none)</source>
        <translation>limite de temps de la simulation (0 : aucune)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>threads</source>
        <translation>fils d&apos;exécution</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>threads (0: all cores)</source>
        <translation>fils d&apos;exécution (0 : tous les cœurs)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>seed</source>
        <translation>graine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>random seed (0: from the clock)</source>
        <translation>graine aléatoire (0 : d&apos;après l&apos;horloge)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>patient position</source>
        <translation>position du patient</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>patient position used to place the beams: the plan&apos;s patient setup, or one given here when the plan&apos;s setup is known to be wrong (see the beam-direction plan check)</source>
        <translation>position du patient utilisée pour placer les faisceaux : celle du plan, ou une position donnée ici quand celle du plan est connue comme erronée (voir le contrôle de plan de la direction des faisceaux)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>beam model</source>
        <translation>modèle de faisceau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MCsquare BDL file (with its MU-to-protons calibration); empty: the plugin setting &apos;bdl_file&apos;, else the generic BDL (generic-DN; generic-UN is the other shipped one)</source>
        <translation>fichier BDL MCsquare (avec son étalonnage MU-protons) ; vide : le réglage &apos;bdl_file&apos; de l&apos;extension, sinon la BDL générique (generic-DN ; generic-UN est l&apos;autre fournie)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ct calibration</source>
        <translation>étalonnage CT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>auto: the plugin settings&apos; HU tables if configured, the water-linear table for synthetic CTs, else generic (MCsquare&apos;s UCL Toshiba scanner); or generic, water-linear, pyradplan-hlut, or a folder with HU_Density_Conversion.txt and HU_Material_Conversion.txt</source>
        <translation>auto : les tables HU des réglages de l&apos;extension si elles sont configurées, la table water-linear pour les CT synthétiques, sinon generic (le scanner UCL Toshiba de MCsquare) ; ou generic, water-linear, pyradplan-hlut, ou un dossier contenant HU_Density_Conversion.txt et HU_Material_Conversion.txt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dose to water</source>
        <translation>dose dans l&apos;eau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>report dose to water (MCsquare post-processing), as planning systems do</source>
        <translation>donner la dose dans l&apos;eau (post-traitement MCsquare), comme les systèmes de planification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rbe</source>
        <translation>RBE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>constant RBE for the EFFECTIVE dose returned beside the physical dose (0: physical only)</source>
        <translation>RBE constant pour la dose EFFECTIVE rendue à côté de la dose physique (0 : physique seulement)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>per beam</source>
        <translation>par faisceau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>also return each beam&apos;s dose (summation type BEAM)</source>
        <translation>rendre aussi la dose de chaque faisceau (type de sommation BEAM)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>crop to body</source>
        <translation>limiter au corps</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>simulate only the box around the EXTERNAL structure (+1 cm)</source>
        <translation>simuler seulement dans la boîte autour de la structure EXTERNAL (+1 cm)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>keep files</source>
        <translation>garder les fichiers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>keep MCsquare&apos;s scratch folder (inputs and outputs) for inspection</source>
        <translation>garder le dossier de travail de MCsquare (entrées et sorties) pour inspection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pyRadPlan pencil beam (photon, proton, carbon)</source>
        <translation>Faisceau pinceau pyRadPlan (photons, protons, carbone)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pyRadPlan 0.5.0 forward dose in its own environment: photons with a generic 6 MV beam model (shape and gross-error check), protons, carbon ions with LEM RBE (research use)</source>
        <translation>Dose directe pyRadPlan 0.5.0 dans son propre environnement : photons avec un modèle de faisceau générique 6 MV (contrôle de forme et d&apos;erreurs grossières), protons, ions carbone avec RBE LEM (usage de recherche)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dose grid mm</source>
        <translation>grille de dose (mm)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pyRadPlan&apos;s dose grid (the dose is interpolated to the CT grid)</source>
        <translation>grille de dose de pyRadPlan (la dose est interpolée sur la grille du CT)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bixel mm</source>
        <translation>bixel (mm)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>photons: bixel width of the fluence map made from the apertures</source>
        <translation>photons : largeur des bixels de la carte de fluence tirée des ouvertures</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mu per weight</source>
        <translation>MU par poids</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>photons: MU per unit of pyRadPlan bixel weight (the demo&apos;s convention)</source>
        <translation>photons : MU par unité de poids de bixel pyRadPlan (la convention de la démo)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>particles per mu</source>
        <translation>particules par MU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ions: particles per MU of the plan (the demo&apos;s convention is 10^6, pyRadPlan&apos;s weight unit)</source>
        <translation>ions : particules par MU du plan (la convention de la démo est 10^6, l&apos;unité de poids de pyRadPlan)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>protons: constant RBE of the EFFECTIVE dose returned beside the physical one (0: physical only)</source>
        <translation>protons : RBE constant de la dose EFFECTIVE rendue à côté de la dose physique (0 : physique seulement)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>patient position used to place the beams (PLAN: the plan&apos;s setup)</source>
        <translation>position du patient utilisée pour placer les faisceaux (PLAN : celle du plan)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>machine</source>
        <translation>machine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pyRadPlan machine name</source>
        <translation>nom de la machine pyRadPlan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>calculate only in the box around the EXTERNAL structure (+1 cm); off keeps pyRadPlan&apos;s dose grid where it would be on the whole CT</source>
        <translation>calculer seulement dans la boîte autour de la structure EXTERNAL (+1 cm) ; désactivé, la grille de dose de pyRadPlan reste où elle serait sur tout le CT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>time limit</source>
        <translation>limite de temps</translation>
    </message>
</context>
<context>
    <name>PluginsUi</name>
    <message>
        <location filename="../../plannerview/ui/plugins_ui.py" line="+56"/>
        <source>Contour engines</source>
        <translation>Moteurs de contourage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dose engines</source>
        <translation>Moteurs de calcul de dose</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Plugins</source>
        <translation>Extensions</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cancel plugin</source>
        <translation>Annuler l&apos;extension</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Services</source>
        <translation>Services</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Panels</source>
        <translation>Panneaux</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Plugin status</source>
        <translation>État des extensions</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>a plugin is already running; cancel it first</source>
        <translation>une extension tourne déjà ; annulez-la d&apos;abord</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>open a case first</source>
        <translation>ouvrez d&apos;abord un cas</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no image selected</source>
        <translation>aucune image sélectionnée</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>select a plan first</source>
        <translation>sélectionnez d&apos;abord un plan</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no image on the frame of reference of plan {plan}</source>
        <translation>aucune image dans le référentiel du plan {plan}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>running {plugin}…</source>
        <translation>exécution de {plugin}…</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>{plugin} finished in {seconds} s: {made}</source>
        <translation>{plugin} terminé en {seconds} s : {made}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>plugin run failed: {error}</source>
        <translation>échec de l&apos;extension : {error}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>plugin run cancelled</source>
        <translation>exécution de l&apos;extension annulée</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>structure set {label} ({count} ROIs)</source>
        <translation>jeu de structures {label} ({count} ROI)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{type} dose, max {max} {unit}</source>
        <translation>dose {type}, max {max} {unit}</translation>
    </message>
</context>
<context>
    <name>ProtocolChoice</name>
    <message>
        <location filename="../../plannerview/review/protocol_choice.py" line="+60"/>
        <source>an external-beam protocol for a brachytherapy plan</source>
        <translation>un protocole de faisceaux externes pour un plan de curiethérapie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a brachytherapy protocol for an external-beam plan</source>
        <translation>un protocole de curiethérapie pour un plan à faisceaux externes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a photon protocol for an ion plan</source>
        <translation>un protocole de photons pour un plan d&apos;ions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a {radiation} protocol for a {kind} plan</source>
        <translation>un protocole de {radiation} pour un plan de {kind}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>limits in Gy(RBE) for a dose that is not RBE-weighted</source>
        <translation>limites en Gy(RBE) pour une dose non pondérée par la RBE</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>photon</source>
        <extracomment>the plan&apos;s radiation as a word of a reason (a plan&apos;s kind: photon | electron | proton | ion | brachy)</extracomment>
        <translation>photons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>electron</source>
        <translation>électrons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>proton</source>
        <translation>protons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ion</source>
        <translation>ions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>brachy</source>
        <translation>curiethérapie</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{count} fractions</source>
        <translation>{count} fractions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} fraction</source>
        <translation>{count} fraction</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{dose:g} Gy per fraction</source>
        <translation>{dose:g} Gy par fraction</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{dose:g} Gy per fraction (protocol {protocol:g})</source>
        <translation>{dose:g} Gy par fraction (protocole : {protocol:g})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{dose:g} Gy in total</source>
        <translation>{dose:g} Gy au total</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{found} of its {wanted} ROIs found</source>
        <translation>{found} de ses {wanted} ROI trouvées</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>limits in Gy(RBE) for an RBE-weighted dose</source>
        <translation>limites en Gy(RBE) pour une dose pondérée par la RBE</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>your last choice for {plan}</source>
        <translation>votre dernier choix pour {plan}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>nothing in common</source>
        <translation>rien en commun</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no protocol fits {plan} (closest: {protocol}: {common}): choose one</source>
        <translation>aucun protocole ne convient à {plan} (le plus proche : {protocol} : {common}) : en choisir un</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no protocol fits {plan}: choose one</source>
        <translation>aucun protocole ne convient à {plan} : en choisir un</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>several protocols fit {plan} equally ({names}): choose one</source>
        <translation>plusieurs protocoles conviennent également à {plan} ({names}) : en choisir un</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>fits {plan}: {reasons}</source>
        <translation>convient à {plan} : {reasons}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a dose without a plan</source>
        <translation>une dose sans plan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>this {kind} plan ({dose:g} Gy in {fractions} fx)</source>
        <translation>ce plan de {kind} ({dose:g} Gy en {fractions} fx)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>this {kind} plan ({fractions} fx)</source>
        <translation>ce plan de {kind} ({fractions} fx)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>this {kind} plan (no fractionation)</source>
        <translation>ce plan de {kind} (sans fractionnement)</translation>
    </message>
</context>
<context>
    <name>Readout</name>
    <message>
        <location filename="../../plannerview/ui/readout.py" line="+34"/>
        <source>outside image</source>
        <translation>hors de l&apos;image</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no image series</source>
        <translation>aucune série d&apos;images</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dose</source>
        <translation>Dose</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>outside dose grid</source>
        <translation>hors de la grille de dose</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{percent} % of Rx</source>
        <translation>{percent} % prescr.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ROIs</source>
        <translation>ROI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none</source>
        <translation>aucune</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <location filename="../../plannerview/ui/review_panel.py" line="+77"/>
        <location line="+44"/>
        <source>No plan selected</source>
        <translation>Aucun plan sélectionné</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Check</source>
        <translation>Contrôle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Goals: —</source>
        <translation>Objectifs : —</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Comment on the plan (required unless approving)</source>
        <translation>Commentaire sur le plan (obligatoire sauf pour approuver)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reviewer</source>
        <translation>Relecteur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>In review: &apos;{plan}&apos;</source>
        <translation>En revue : « {plan} »</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Review not started: {error}</source>
        <translation>Revue non commencée : {error}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>checks failed: {error}</source>
        <translation>échec des contrôles : {error}</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Goals: not evaluated (choose a protocol in the Clinical goals panel)</source>
        <translation>Objectifs : non évalués (choisissez un protocole dans le panneau Objectifs cliniques)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Goals ({protocol}): {passed} {pass_word}, {acceptable} {acceptable_word}, {failed} {fail_word}, {not_evaluated} {not_evaluated_word}</source>
        <translation>Objectifs ({protocol}) : {passed} {pass_word}, {acceptable} {acceptable_word}, {failed} {fail_word}, {not_evaluated} {not_evaluated_word}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No plan under review</source>
        <translation>Aucun plan en revue</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not signed off:</source>
        <translation>Non validé :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{decision} by {reviewer} ({role}); audit {hash}…</source>
        <translation>{decision} — {reviewer} ({role}) ; audit {hash}…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{decision} by {reviewer}</source>
        <translation>{decision} — {reviewer}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>IN REVIEW</source>
        <translation>EN REVUE</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>NOT STARTED</source>
        <translation>NON COMMENCÉE</translation>
    </message>
</context>
<context>
    <name>RoiPanel</name>
    <message>
        <location filename="../../plannerview/ui/roi_panel.py" line="+26"/>
        <source>ROI</source>
        <translation>ROI</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Volume (cc)</source>
        <translation>Volume (cc)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Show all</source>
        <translation>Tout voir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide all</source>
        <translation>Tout cacher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filled</source>
        <translation>Rempli</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>no closed contours (point, open or empty ROI)</source>
        <translation>aucun contour fermé (ROI point, ouverte ou vide)</translation>
    </message>
</context>
<context>
    <name>SaveStructureSetDialog</name>
    <message>
        <location filename="../../plannerview/ui/edit_panel.py" line="+25"/>
        <source>each hole is its own contour inside the outer one (Eclipse, plannerview, dicompyler-core)</source>
        <translation>chaque trou est un contour à part, à l&apos;intérieur du contour extérieur (Eclipse, plannerview, dicompyler-core)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>each hole is spliced into its outer contour through a zero-width cut, so readers that OR a plane&apos;s contours (plastimatch&apos;s default) keep it too</source>
        <translation>chaque trou est relié à son contour extérieur par une coupure de largeur nulle, pour que les lecteurs qui font le OU des contours d&apos;un plan (le défaut de plastimatch) le gardent aussi</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+29"/>
        <source>Save as new structure set</source>
        <translation>Enregistrer comme nouveau jeu de structures</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>How holes are written: {modes}</source>
        <translation>Écriture des trous : {modes}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holes</source>
        <translation>Trous</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A new file: the source structure set is never changed.</source>
        <translation>Un nouveau fichier : le jeu de structures d&apos;origine n&apos;est jamais modifié.</translation>
    </message>
</context>
<context>
    <name>SliceView</name>
    <message>
        <location filename="../../plannerview/ui/slice_view.py" line="+611"/>
        <source>No case loaded</source>
        <translation>Aucun cas chargé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing to show: no image series, no dose and no contours were found</source>
        <translation>Rien à afficher : aucune série d&apos;images, aucune dose ni aucun contour trouvés</translation>
    </message>
    <message>
        <location line="+144"/>
        <source>W {window}  L {level}</source>
        <translation>F {window}  N {level}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no image series: blank canvas</source>
        <translation>aucune série d&apos;images : fond vierge</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>1 (pass ≤ 1)</source>
        <translation>1 (réussite ≤ 1)</translation>
    </message>
</context>
<context>
    <name>Terms</name>
    <message>
        <location filename="../../plannerview/ui/terms.py" line="+18"/>
        <source>soft tissue</source>
        <translation>tissus mous</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lung</source>
        <translation>poumon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bone</source>
        <translation>os</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>brain</source>
        <translation>cerveau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>axial</source>
        <translation>axiale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sagittal</source>
        <translation>sagittale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>coronal</source>
        <translation>coronale</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>pass</source>
        <extracomment>clinical-goal verdicts (compute.goals)</extracomment>
        <translation>respecté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>acceptable</source>
        <translation>acceptable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fail</source>
        <translation>non respecté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not evaluated</source>
        <translation>non évalué</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+7"/>
        <source>PASS</source>
        <extracomment>plan-check statuses (review.checks.Status values)
----------
verdicts of the independent dose check (review.dose_check)</extracomment>
        <translation>OK</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>WARN</source>
        <translation>ALERTE</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+7"/>
        <source>FAIL</source>
        <translation>ÉCHEC</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>NOT APPLICABLE</source>
        <translation>SANS OBJET</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>REVIEW</source>
        <translation>REVUE REQUISE</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>head first, supine</source>
        <extracomment>DICOM patient positions (the code is shown as it is, its meaning beside it)</extracomment>
        <translation>tête en premier, décubitus dorsal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>feet first, supine</source>
        <translation>pieds en premier, décubitus dorsal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>head first, prone</source>
        <translation>tête en premier, décubitus ventral</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>feet first, prone</source>
        <translation>pieds en premier, décubitus ventral</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>head first, decubitus left</source>
        <translation>tête en premier, décubitus latéral gauche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>head first, decubitus right</source>
        <translation>tête en premier, décubitus latéral droit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>feet first, decubitus left</source>
        <translation>pieds en premier, décubitus latéral gauche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>feet first, decubitus right</source>
        <translation>pieds en premier, décubitus latéral droit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Approve</source>
        <extracomment>sign-off decisions (review.signoff.DECISIONS)</extracomment>
        <translation>Approuver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve with comments</source>
        <translation>Approuver avec commentaires</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request changes</source>
        <translation>Demander des modifications</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject</source>
        <translation>Rejeter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>physician</source>
        <extracomment>reviewer roles (review.signoff.ROLES)</extracomment>
        <translation>radiothérapeute</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>physicist</source>
        <translation>physicien médical</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dosimetrist</source>
        <translation>dosimétriste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>radiation therapist</source>
        <translation>manipulateur en radiothérapie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nurse</source>
        <translation>infirmier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>technologist</source>
        <translation>technicien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>other</source>
        <translation>autre</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>all</source>
        <extracomment>annotations (model.annotation): statuses, kinds and what a comment is about</extracomment>
        <translation>toutes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open</source>
        <translation>ouverte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>resolved</source>
        <translation>résolue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>withdrawn</source>
        <translation>retirée</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>point</source>
        <translation>point</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>arrow</source>
        <translation>flèche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ruler</source>
        <translation>règle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>polygon</source>
        <translation>polygone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>freehand</source>
        <translation>main levée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>comment</source>
        <translation>commentaire</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>plan</source>
        <translation>plan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>roi</source>
        <translation>ROI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>beam</source>
        <translation>faisceau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>goal</source>
        <translation>objectif</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>location</source>
        <translation>position</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>case</source>
        <translation>cas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>check</source>
        <translation>contrôle</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>photon</source>
        <extracomment>plan kinds (model.plan.Plan.kind)</extracomment>
        <translation>photons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>electron</source>
        <translation>électrons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>proton</source>
        <translation>protons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ion</source>
        <translation>ions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>brachytherapy</source>
        <translation>curiethérapie</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>oblique</source>
        <extracomment>3D camera directions (ui.view3d.CAMERA_PRESETS)</extracomment>
        <translation>oblique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>anterior</source>
        <translation>antérieure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>posterior</source>
        <translation>postérieure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>left</source>
        <translation>latérale gauche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>right</source>
        <translation>latérale droite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>superior</source>
        <translation>supérieure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>inferior</source>
        <translation>inférieure</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>active</source>
        <extracomment>plugin and contribution states (plannerview.plugins)</extracomment>
        <translation>active</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>disabled</source>
        <translation>désactivée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>en échec</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>running</source>
        <translation>en marche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopped</source>
        <translation>arrêté</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>contour engine</source>
        <extracomment>kinds of plugin contribution (plugin_api.contracts.KINDS) and where a plugin comes from</extracomment>
        <translation>moteur de contourage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dose engine</source>
        <translation>moteur de calcul de dose</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sync provider</source>
        <translation>synchronisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>panel</source>
        <translation>panneau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reader</source>
        <translation>lecteur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exporter</source>
        <translation>exportateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>service</source>
        <translation>service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>command</source>
        <translation>commande</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>entry point</source>
        <translation>point d&apos;entrée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>user folder</source>
        <translation>dossier utilisateur</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>per fraction</source>
        <extracomment>what a dose&apos;s summation type means (model.dose.DoseGrid.summation_label, in the GUI&apos;s language)</extracomment>
        <translation>par fraction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one beam</source>
        <translation>un faisceau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>several plans</source>
        <translation>plusieurs plans</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>FRACTION x {count} fx (scaled to the course)</source>
        <translation>FRACTION x {count} fx (ramenée au traitement complet)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown summation</source>
        <translation>sommation inconnue</translation>
    </message>
</context>
<context>
    <name>View3D</name>
    <message>
        <location filename="../../plannerview/ui/view3d.py" line="+116"/>
        <source>Beams</source>
        <translation>Faisceaux</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Setup beams</source>
        <translation>Faisceaux de positionnement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Isodose 100 %</source>
        <translation>Isodose 100 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Slice planes</source>
        <translation>Coupes</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Beams, setup beams, the 100 % isodose, the slice planes</source>
        <translation>Faisceaux, faisceaux de positionnement, isodose 100 %, plans de coupe</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>View from {direction}</source>
        <translation>Vue {direction}</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>building surfaces…</source>
        <translation>construction des surfaces…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>surfaces failed</source>
        <translation>échec des surfaces</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>{count} surfaces</source>
        <translation>{count} surfaces</translation>
    </message>
</context>
</TS>
