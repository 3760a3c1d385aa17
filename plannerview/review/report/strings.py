"""Every text the PDF report prints, in one place: one table per language (English, Simplified
Chinese, French), the clinical words as in ``resources/glossary.yaml`` (a test checks them).

``t(key, **values)`` formats a string of the current language; keys missing from a language fall
back to English. ``num(value, spec)`` writes a number with the language's decimal separator.
The report's language is chosen with ``set_language`` (``plannerview report --lang``, or the GUI's
language for File > Export report); DICOM values, units and metric names are printed as they are.
"""

from __future__ import annotations

import json
from functools import lru_cache

from ... import i18n
from ...model.text import render
from ...resources import core_translations_file

EN: dict[str, str] = {
    "title": "Treatment plan review report",
    "disclaimer": "plannerview is a research and review aid, not a certified medical device. Check every number "
                  "against the treatment planning system of record.",
    "generated": "Generated {time} by plannerview {version}",
    "page": "Page {page} of {pages}",
    "footer": "{plan} | {patient}",
    "patient": "Patient",
    "patient_value": "{name} (ID {id})",
    "plan": "Plan",
    "plan_value": "'{label}' ({kind}), SOP Instance UID {uid}",
    "approval": "Approval status",
    "fractions": "Fractions",
    "prescription": "Prescription",
    "prescription_value": "{rx} Gy in {fx} fractions ({per} Gy per fraction)",
    "prescription_none": "none stated",
    "dose": "Dose",
    "dose_value": "{summation} {type}, {unit}, maximum {dmax}, grid {spacing} mm",
    "structures": "Structure set",
    "structures_value": "'{label}' ({count} ROIs)",
    "dose_references": "Dose references",
    "h_summary": "1. Patient and plan",
    "h_beams": "Beams",
    "beam_cols": "#|Name|Type|Radiation|Energy|Gantry (deg)|Couch (deg)|{meterset}",
    "meterset_mu": "MU",
    "meterset_ion": "Meterset / layers / spots",
    "h_checks": "2. Automated plan checks",
    "checks_summary": "{PASS} pass, {WARN} warn, {FAIL} fail, {NA} not applicable (configuration sha256 {sha})",
    "check_cols": "Status|Check|Result",
    "h_goals": "3. Clinical goals",
    "goals_none": "No protocol given (--protocol): no clinical goals evaluated.",
    "goals_summary": "Protocol {title}: {pass} pass, {acceptable} acceptable, {fail} fail, {not_evaluated} not evaluated",
    "goal_cols": "ROI|Matched ROI|Metric|Value|Limit|Status",
    "h_dvh": "4. Dose-volume histograms",
    "dvh_cols": "ROI|Volume (cc)|Dmin|Dmean|Dmax|D98%|D95%|D50%|D2%",
    "dvh_unit": "Doses in {unit}; D x% is the minimum dose to the hottest x % of the volume.",
    "dvh_xlabel": "Dose ({unit})",
    "dvh_ylabel": "Volume (%)",
    "h_slices": "5. Key slices through the target",
    "slices_caption": "Dose wash ({unit}, from {low} % of the maximum) with contours, through the centre of '{target}' "
                      "at ({x}, {y}, {z}) mm.",
    "axial": "Axial",
    "sagittal": "Sagittal",
    "coronal": "Coronal",
    "h_compare": "6. Comparison and gamma",
    "compare_value": "A: {a} | B: {b}",
    "compare_mixed": "The two doses are of different types or summations ({a_type} / {b_type}); compared as given.",
    "gamma_value": "Gamma {dd} % / {dta} mm ({mode}), cut-off {cutoff} %: pass rate {rate} % of {voxels} voxels, "
                   "mean {mean}, 95th percentile {p95}",
    "diff_value": "Difference A - B: mean {mean} Gy, range {min} to {max} Gy, RMS {rms} Gy",
    "compare_cols": "ROI|Dmean A|Dmean B|Dmean A-B|Dmax A|Dmax B",
    "compare_none": "No second dose given (--compare): no comparison.",
    "h_annotations": "7. Annotations",
    "annotations_none": "No annotations.",
    "annotation_cols": "Status|About|Author|Text",
    "h_signoff": "8. Sign-off",
    "signoff_none": "Not signed off in the audit log. Decision: ______________   Reviewer: ______________   "
                    "Date: __________   Signature: ______________",
    "decision": "Decision",
    "reviewer": "Reviewer",
    "time": "Signed off",
    "comments": "Comments",
    "sr": "Review document (SR)",
    "audit_hash": "Audit entry",
    "audit_log": "Audit log",
    "audit_broken": "WARNING: the audit log does not verify ({reason}); this sign-off cannot be trusted.",
    "signoff_stale": "WARNING: the {kind} file {file} changed after this sign-off: it is not the file that was reviewed.",
    "status_PASS": "PASS",
    "status_WARN": "WARN",
    "status_FAIL": "FAIL",
    "status_NOT APPLICABLE": "N/A",
    "status_pass": "pass",
    "status_acceptable": "acceptable",
    "status_fail": "FAIL",
    "status_not_evaluated": "not evaluated",
    "gamma_local": "local",
    "gamma_global": "global",
    "decision_approve": "APPROVE",
    "decision_approve-with-comments": "APPROVE-WITH-COMMENTS",
    "decision_request-changes": "REQUEST-CHANGES",
    "decision_reject": "REJECT",
    "kind_photon": "photon",
    "kind_electron": "electron",
    "kind_proton": "proton",
    "kind_ion": "ion",
    "kind_brachy": "brachytherapy",
}

ZH_CN: dict[str, str] = {
    "title": "治疗计划审核报告",
    "disclaimer": "plannerview 是科研与审核辅助工具，不是经认证的医疗器械。请以治疗计划系统中的记录核对每一个数值。",
    "generated": "由 plannerview {version} 于 {time} 生成",
    "page": "第 {page} 页，共 {pages} 页",
    "footer": "{plan} | {patient}",
    "patient": "患者",
    "patient_value": "{name}（ID {id}）",
    "plan": "计划",
    "plan_value": "“{label}”（{kind}），SOP Instance UID {uid}",
    "approval": "批准状态",
    "fractions": "分次数",
    "prescription": "处方剂量",
    "prescription_value": "{rx} Gy，分 {fx} 次（每次 {per} Gy）",
    "prescription_none": "未给出",
    "dose": "剂量",
    "dose_value": "{summation} {type}，{unit}，最大值 {dmax}，剂量网格 {spacing} mm",
    "structures": "结构集",
    "structures_value": "“{label}”（{count} 个结构）",
    "dose_references": "剂量参考",
    "h_summary": "1. 患者与计划",
    "h_beams": "射野",
    "beam_cols": "#|名称|类型|射线|能量|机架角 (°)|治疗床角 (°)|{meterset}",
    "meterset_mu": "MU",
    "meterset_ion": "Meterset / 能量层 / 束斑",
    "h_checks": "2. 自动计划检查",
    "checks_summary": "通过 {PASS}，警告 {WARN}，失败 {FAIL}，不适用 {NA}（配置 sha256 {sha}）",
    "check_cols": "状态|检查项|结果",
    "h_goals": "3. 临床目标",
    "goals_none": "未指定方案 (--protocol)：未评估临床目标。",
    "goals_summary": "方案 {title}：通过 {pass}，可接受 {acceptable}，未通过 {fail}，未评估 {not_evaluated}",
    "goal_cols": "结构|匹配的结构|指标|数值|限值|状态",
    "h_dvh": "4. 剂量体积直方图",
    "dvh_cols": "结构|体积 (cc)|Dmin|Dmean|Dmax|D98%|D95%|D50%|D2%",
    "dvh_unit": "剂量单位为 {unit}；D x% 为受照剂量最高的 x% 体积所受的最小剂量。",
    "dvh_xlabel": "剂量 ({unit})",
    "dvh_ylabel": "体积 (%)",
    "h_slices": "5. 经过靶区的关键层面",
    "slices_caption": "剂量色彩图（{unit}，自最大剂量的 {low} % 起）及轮廓，层面经过“{target}”的中心 ({x}, {y}, {z}) mm。",
    "axial": "横断面",
    "sagittal": "矢状面",
    "coronal": "冠状面",
    "h_compare": "6. 剂量比较与 γ 分析",
    "compare_value": "A：{a} | B：{b}",
    "compare_mixed": "两个剂量的类型或叠加类型不同（{a_type} / {b_type}），按原样比较。",
    "gamma_value": "γ {dd} % / {dta} mm（{mode}），阈值 {cutoff} %：{voxels} 个体素中通过率 {rate} %，均值 {mean}，"
                   "第 95 百分位数 {p95}",
    "diff_value": "剂量差 A - B：均值 {mean} Gy，范围 {min} 至 {max} Gy，均方根 {rms} Gy",
    "compare_cols": "结构|Dmean A|Dmean B|Dmean A-B|Dmax A|Dmax B",
    "compare_none": "未指定第二个剂量 (--compare)：未做比较。",
    "h_annotations": "7. 批注",
    "annotations_none": "无批注。",
    "annotation_cols": "状态|对象|作者|内容",
    "h_signoff": "8. 签署",
    "signoff_none": "审计日志中无签署记录。决定：______________   审核人：______________   日期：__________   "
                    "签名：______________",
    "decision": "决定",
    "reviewer": "审核人",
    "time": "签署时间",
    "comments": "意见",
    "sr": "审核文档 (SR)",
    "audit_hash": "审计条目",
    "audit_log": "审计日志",
    "audit_broken": "警告：审计日志校验未通过（{reason}）；此签署不可信。",
    "signoff_stale": "警告：{kind} 文件 {file} 在签署后已被修改：它不是被审核的那个文件。",
    "status_PASS": "通过",
    "status_WARN": "警告",
    "status_FAIL": "失败",
    "status_NOT APPLICABLE": "不适用",
    "status_pass": "通过",
    "status_acceptable": "可接受",
    "status_fail": "未通过",
    "status_not_evaluated": "未评估",
    "gamma_local": "局部",
    "gamma_global": "全局",
    "decision_approve": "批准",
    "decision_approve-with-comments": "附意见批准",
    "decision_request-changes": "要求修改",
    "decision_reject": "拒绝",
    "kind_photon": "光子",
    "kind_electron": "电子",
    "kind_proton": "质子",
    "kind_ion": "离子",
    "kind_brachy": "近距离治疗",
}

FR_FR: dict[str, str] = {
    "title": "Rapport de revue du plan de traitement",
    "disclaimer": "plannerview est une aide à la recherche et à la revue, pas un dispositif médical certifié. "
                  "Vérifiez chaque valeur dans le système de planification de référence.",
    "generated": "Produit le {time} par plannerview {version}",
    "page": "Page {page} sur {pages}",
    "footer": "{plan} | {patient}",
    "patient": "Patient",
    "patient_value": "{name} (ID {id})",
    "plan": "Plan",
    "plan_value": "« {label} » ({kind}), SOP Instance UID {uid}",
    "approval": "Statut d'approbation",
    "fractions": "Fractions",
    "prescription": "Prescription",
    "prescription_value": "{rx} Gy en {fx} fractions ({per} Gy par fraction)",
    "prescription_none": "non indiquée",
    "dose": "Dose",
    "dose_value": "{summation} {type}, {unit}, maximum {dmax}, grille de dose {spacing} mm",
    "structures": "Jeu de structures",
    "structures_value": "« {label} » ({count} ROI)",
    "dose_references": "Références de dose",
    "h_summary": "1. Patient et plan",
    "h_beams": "Faisceaux",
    "beam_cols": "#|Nom|Type|Rayonnement|Énergie|Bras (°)|Table (°)|{meterset}",
    "meterset_mu": "MU",
    "meterset_ion": "Meterset / couches en énergie / spots",
    "h_checks": "2. Contrôles automatiques du plan",
    "checks_summary": "{PASS} OK, {WARN} en alerte, {FAIL} en échec, {NA} sans objet (configuration sha256 {sha})",
    "check_cols": "Statut|Contrôle|Résultat",
    "h_goals": "3. Objectifs cliniques",
    "goals_none": "Aucun protocole donné (--protocol) : aucun objectif clinique évalué.",
    "goals_summary": "Protocole {title} : {pass} respecté(s), {acceptable} acceptable(s), {fail} non respecté(s), "
                     "{not_evaluated} non évalué(s)",
    "goal_cols": "ROI|ROI associée|Métrique|Valeur|Limite|Statut",
    "h_dvh": "4. Histogrammes dose-volume",
    "dvh_cols": "ROI|Volume (cc)|Dmin|Dmean|Dmax|D98%|D95%|D50%|D2%",
    "dvh_unit": "Doses en {unit} ; D x% est la dose minimale reçue par les x % les plus irradiés du volume.",
    "dvh_xlabel": "Dose ({unit})",
    "dvh_ylabel": "Volume (%)",
    "h_slices": "5. Coupes clés à travers le volume cible",
    "slices_caption": "Dose en couleurs ({unit}, à partir de {low} % du maximum) et contours, par le centre de "
                      "« {target} » en ({x} ; {y} ; {z}) mm.",
    "axial": "Axiale",
    "sagittal": "Sagittale",
    "coronal": "Coronale",
    "h_compare": "6. Comparaison et gamma",
    "compare_value": "A : {a} | B : {b}",
    "compare_mixed": "Les deux doses sont de types ou de types de sommation différents ({a_type} / {b_type}) ; "
                     "comparées telles quelles.",
    "gamma_value": "Gamma {dd} % / {dta} mm ({mode}), seuil {cutoff} % : taux de réussite {rate} % sur {voxels} "
                   "voxels, moyenne {mean}, 95e centile {p95}",
    "diff_value": "Différence de dose A - B : moyenne {mean} Gy, étendue {min} à {max} Gy, écart quadratique moyen "
                  "{rms} Gy",
    "compare_cols": "ROI|Dmean A|Dmean B|Dmean A-B|Dmax A|Dmax B",
    "compare_none": "Aucune seconde dose donnée (--compare) : pas de comparaison.",
    "h_annotations": "7. Annotations",
    "annotations_none": "Aucune annotation.",
    "annotation_cols": "Statut|Objet|Auteur|Texte",
    "h_signoff": "8. Validation",
    "signoff_none": "Pas de validation dans le journal d'audit. Décision : ______________   Relecteur : "
                    "______________   Date : __________   Signature : ______________",
    "decision": "Décision",
    "reviewer": "Relecteur",
    "time": "Validé le",
    "comments": "Commentaires",
    "sr": "Document de revue (SR)",
    "audit_hash": "Entrée d'audit",
    "audit_log": "Journal d'audit",
    "audit_broken": "ATTENTION : le journal d'audit ne se vérifie pas ({reason}) ; cette validation n'est pas fiable.",
    "signoff_stale": "ATTENTION : le fichier {kind} {file} a changé après cette validation : ce n'est pas le fichier "
                     "revu.",
    "status_PASS": "OK",
    "status_WARN": "ALERTE",
    "status_FAIL": "ÉCHEC",
    "status_NOT APPLICABLE": "SANS OBJET",
    "status_pass": "respecté",
    "status_acceptable": "acceptable",
    "status_fail": "NON RESPECTÉ",
    "status_not_evaluated": "non évalué",
    "gamma_local": "local",
    "gamma_global": "global",
    "decision_approve": "APPROUVÉ",
    "decision_approve-with-comments": "APPROUVÉ AVEC COMMENTAIRES",
    "decision_request-changes": "MODIFICATIONS DEMANDÉES",
    "decision_reject": "REJETÉ",
    "kind_photon": "photons",
    "kind_electron": "électrons",
    "kind_proton": "protons",
    "kind_ion": "ions",
    "kind_brachy": "curiethérapie",
}

#: the bundled plan checks' titles (plannerview/data/checks/default.yaml), as the GUI shows them
#: (the same words as its .ts files; a test compares them)
CHECK_TITLES: dict[str, dict[str, str]] = {
    "zh_CN": {
        "prescription_consistency": "处方剂量在剂量参考、分次组、计划标签与剂量之间一致",
        "dose_summation": "剂量叠加类型与比较对象相符",
        "dose_grid_resolution": "剂量网格分辨率适合该技术",
        "dose_grid_coverage": "剂量网格覆盖靶区及射野入射处的体表",
        "mu_per_gy": "每分次每 Gy 的 MU（跳数）符合该技术",
        "energies_consistent": "射野能量一致且在机器范围内",
        "zero_meterset_beams": "没有跳数为零的治疗射野",
        "setup_beams": "摆位与成像射野未计为治疗射野",
        "isocenter_position": "等中心位于体内且靠近靶区",
        "couch_structure": "射野穿过治疗床时存在治疗床 / 支撑结构",
        "tg263_names": "结构名称符合 TG-263",
        "target_dose_references": "靶区具有剂量参考",
        "empty_goal_rois": "临床目标或剂量参考未使用空结构",
        "frame_of_reference": "结构集、计划与剂量位于同一参考坐标系",
        "registrations": "次要图像具有配准",
        "approval_status": "计划批准状态",
        "dose_plan_reference": "剂量引用的计划可以找到",
        "tps_dvh_agreement": "TPS 剂量体积直方图（若有存储）与本软件计算结果一致",
        "ion_range_shifter_snout": "离子：射程移位器与喷嘴一致",
        "ion_spots_layers": "离子：束斑数与能量层合理",
        "ion_rbe_dose": "离子：RBE 加权 (EFFECTIVE) 剂量与 RBE 临床目标比较",
        "beam_direction_dose_entry": "每个射野的剂量从计划几何所示的位置入射",
    },
    "fr_FR": {
        "prescription_consistency": "Prescription cohérente entre références de dose, groupe de fractions, libellé et "
                                    "dose",
        "dose_summation": "Le type de sommation de la dose correspond à ce qui est comparé",
        "dose_grid_resolution": "Résolution de la grille de dose adaptée à la technique",
        "dose_grid_coverage": "La grille de dose couvre les volumes cibles et le corps à l'entrée des faisceaux",
        "mu_per_gy": "MU (meterset) par Gy et par fraction plausibles pour la technique",
        "energies_consistent": "Énergies des faisceaux cohérentes et dans la gamme de la machine",
        "zero_meterset_beams": "Aucun faisceau de traitement avec un meterset nul",
        "setup_beams": "Faisceaux de positionnement et d'imagerie non comptés comme traitement",
        "isocenter_position": "Isocentre dans le corps et près des volumes cibles",
        "couch_structure": "Structures de table / de support présentes quand des faisceaux traversent la table",
        "tg263_names": "Noms des structures conformes à TG-263",
        "target_dose_references": "Les volumes cibles ont des références de dose",
        "empty_goal_rois": "Aucune ROI vide utilisée par les objectifs ou les références de dose",
        "frame_of_reference": "Jeu de structures, plan et dose dans un même référentiel",
        "registrations": "Recalages présents pour les images secondaires",
        "approval_status": "Statut d'approbation du plan",
        "dose_plan_reference": "La référence de la dose à son plan est résolue",
        "tps_dvh_agreement": "L'HDV du TPS (s'il est stocké) concorde avec le nôtre",
        "ion_range_shifter_snout": "Ions : range shifter et snout cohérents",
        "ion_spots_layers": "Ions : nombre de spots et couches en énergie plausibles",
        "ion_rbe_dose": "Ions : dose pondérée par le RBE (EFFECTIVE) comparée aux objectifs RBE",
        "beam_direction_dose_entry": "La dose de chaque faisceau entre là où l'indique la géométrie du plan",
    },
}

LANGUAGES: dict[str, dict[str, str]] = {"en": EN, "zh_CN": ZH_CN, "fr_FR": FR_FR}
_current = ["en"]


def set_language(code: str) -> None:
    """Print the report in ``code`` (``en``, ``zh_CN``, ``fr_FR``; ``fr`` and ``zh`` are understood too)."""
    lang = i18n.normalize(code)
    if lang not in LANGUAGES:
        raise ValueError(f"no report strings for language {code!r}; available: {', '.join(LANGUAGES)}")
    _current[0] = lang


def language() -> str:
    return _current[0]


def t(key: str, **values: object) -> str:
    table = LANGUAGES[_current[0]]
    text = table.get(key, EN[key])
    return text.format(**values) if values else text


def num(value: float, spec: str = "") -> str:
    """A number as the report's language writes it (decimal comma in French)."""
    return i18n.format_number(value, spec, _current[0])


def core_text(text: str) -> str:
    """A sentence of the core (a plan check's line, :class:`~plannerview.model.text.Msg`) in the
    report's language: the workstation's translation of its template (read without Qt from
    ``core_<lang>.json``, made from the same ``.ts`` files), its values as they are, numbers with the
    language's decimal separator. English, and any plain text, as it is."""
    lang = _current[0]
    if lang == i18n.DEFAULT:
        return text
    table = _core_translations(lang)
    return render(text, lambda context, source: table.get(context, {}).get(source, source),
                  i18n.DECIMAL_POINT.get(lang, "."))


@lru_cache(maxsize=4)
def _core_translations(lang: str) -> dict[str, dict[str, str]]:
    path = core_translations_file(lang)
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def check_title(check_id: str, title: str, bundled_title: str | None) -> str:
    """A check's title in the report's language when it is the bundled one (a site's own title is
    printed as configured)."""
    if bundled_title is not None and title == bundled_title:
        return CHECK_TITLES.get(_current[0], {}).get(check_id, title)
    return title
