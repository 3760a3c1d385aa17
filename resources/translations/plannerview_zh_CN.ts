<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AnnotationsPanel</name>
    <message>
        <location filename="../../plannerview/ui/annotations_panel.py" line="+37"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+76"/>
        <source>About</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Changed</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>ROI</source>
        <translation>结构</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>created ({kind}, {status}): {text}</source>
        <translation>已创建（{kind}，{status}）：{text}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>status {old} → {new}</source>
        <translation>状态 {old} → {new}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>text → {text}</source>
        <translation>内容 → {text}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>moved</source>
        <translation>已移动</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>about → {about}</source>
        <translation>对象 → {about}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>revised</source>
        <translation>已修订</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>text of the next annotation or comment</source>
        <translation>下一条批注或意见的内容</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Go to</source>
        <translation>转到</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolve</source>
        <translation>解决</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Withdraw</source>
        <translation>撤回</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set text</source>
        <translation>设置内容</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>history of the selected annotation</source>
        <translation>所选批注的历史</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{shown} of {total}</source>
        <translation>{shown} / {total}</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>crosshair</source>
        <translation>十字线</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../plannerview/ui/banner.py" line="+20"/>
        <source>No case loaded</source>
        <translation>未加载病例</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Image: {modality} {label}</source>
        <translation>图像：{modality} {label}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;span style=&apos;color:#ffb347&apos;&gt;&lt;b&gt;No images were found&lt;/b&gt;&lt;/span&gt; (blank canvas)</source>
        <translation>&lt;span style=&apos;color:#ffb347&apos;&gt;&lt;b&gt;未找到图像&lt;/b&gt;&lt;/span&gt;（空白画布）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Structures: {label}</source>
        <translation>结构集：{label}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no status</source>
        <translation>无状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, Rx {rx} {unit} / {fractions} fx</source>
        <translation>，处方剂量 {rx} {unit} / {fractions} fx</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, no prescription</source>
        <translation>，无处方剂量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan: {label} ({kind})</source>
        <translation>计划：{label}（{kind}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Plan: none</source>
        <translation>计划：无</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(values per fraction)</source>
        <translation>（每分次的值）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dose: {summation} {type}</source>
        <translation>剂量：{summation} {type}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dose: none</source>
        <translation>剂量：无</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Review: &lt;b&gt;{state}&lt;/b&gt;</source>
        <translation>审核：&lt;b&gt;{state}&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>BrachyPanel</name>
    <message>
        <location filename="../../plannerview/ui/brachy_panel.py" line="+28"/>
        <source>Channel</source>
        <translation>通道</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applicator</source>
        <translation>施源器</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dwells</source>
        <translation>驻留点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time (s)</source>
        <translation>时间 (s)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>No brachytherapy plan selected</source>
        <translation>未选择近距离治疗计划</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>, {rate} U on {date}</source>
        <translation>，{date} 时为 {rate} U</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Source {source}{air_kerma}; {channels} channels, total dwell time {time} s; prescription {rx}. Doses in {unit}.</source>
        <translation>放射源 {source}{air_kerma}；{channels} 个通道，总驻留时间 {time} s；处方剂量 {rx}。剂量单位为 {unit}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+10"/>
        <source> ({percent} % in grid)</source>
        <translation>（剂量网格内 {percent} %）</translation>
    </message>
</context>
<context>
    <name>CaseBrowser</name>
    <message>
        <location filename="../../plannerview/ui/case_browser.py" line="+33"/>
        <source>derived</source>
        <translation>派生</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>info</source>
        <translation>信息</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>{count} ROIs</source>
        <translation>{count} 个结构</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no Rx</source>
        <translation>无处方剂量</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>made by {engine} {version}</source>
        <translation>由 {engine} {version} 生成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>on {time} by {user}</source>
        <translation>时间 {time}，用户 {user}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>parameters {parameters}</source>
        <translation>参数 {parameters}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>from {inputs}</source>
        <translation>来源 {inputs}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>frame of reference {uid}</source>
        <translation>参考坐标系 {uid}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>file {file}</source>
        <translation>文件 {file}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(not saved)</source>
        <translation>（未保存）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>plan {uid}; TPS DVHs {count}</source>
        <translation>计划 {uid}；TPS 剂量体积直方图 {count} 条</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Derived — {how}</source>
        <translation>派生 — {how}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Findings</source>
        <translation>发现</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>click an object for its details</source>
        <translation>点击对象查看详情</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Patient {name}  ({id})</source>
        <translation>患者 {name}（{id}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Study …{uid}</source>
        <translation>检查 …{uid}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Frame of reference …{uid}</source>
        <translation>参考坐标系 …{uid}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Files and findings not tied to a loaded object ({count})</source>
        <translation>未关联到已加载对象的文件与发现（{count}）</translation>
    </message>
</context>
<context>
    <name>CheckMessages</name>
    <message>
        <location filename="../../plannerview/review/checks/beam_direction.py" line="+18"/>
        <location filename="../../plannerview/review/checks/beams.py" line="+161"/>
        <location line="+29"/>
        <source>brachytherapy plan: no beams</source>
        <translation>近距离治疗计划：无射野</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>plan &apos;{plan}&apos; has no dose in Gy to look at</source>
        <translation>计划“{plan}”没有以 Gy 为单位的剂量可供查看</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>plan &apos;{plan}&apos;: no static treatment beam with an isocentre to follow</source>
        <translation>计划“{plan}”：没有带等中心的静态治疗射野可供追踪</translation>
    </message>
    <message>
        <location filename="../../plannerview/review/checks/beams.py" line="-167"/>
        <source>&apos;{label}&apos; names a stereotactic technique</source>
        <translation>“{label}”表明是立体定向技术</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{per_fx:.3g} Gy x {fractions} fx is stereotactic hypofractionation</source>
        <translation>{per_fx:.3g} Gy x {fractions} fx 属于立体定向大分次</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>electron</source>
        <extracomment>the radiation kinds a technique may be named by, as words of the message (VMAT, IMRT, 3D stay as they are)</extracomment>
        <translation>电子线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>proton</source>
        <translation>质子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ion</source>
        <translation>离子</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>brachytherapy plan: no monitor units</source>
        <translation>近距离治疗计划：无机器跳数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>plan &apos;{plan}&apos; has no treatment beam with a meterset</source>
        <translation>计划“{plan}”没有带跳数（meterset）的治疗射野</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>plan &apos;{plan}&apos; states neither a prescription with fractions nor beam doses</source>
        <translation>计划“{plan}”既未给出含分次的处方剂量，也未给出射野剂量</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{technique} plan &apos;{plan}&apos;: {total:.1f} {unit} per fraction for {per_fx:.3g} Gy/fx = {per_gy:.0f} {unit}/Gy, {spots} spots ({spots_per_gy:.0f} per Gy) (plausible {low:g}-{high:g})</source>
        <translation>{technique}计划“{plan}”：每分次 {total:.1f} {unit}，对应 {per_fx:.3g} Gy/fx = {per_gy:.0f} {unit}/Gy，{spots} 个点（每 Gy {spots_per_gy:.0f} 个）（合理范围 {low:g}-{high:g}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{technique} plan &apos;{plan}&apos;: {total:.1f} {unit} per fraction for {per_fx:.3g} Gy/fx = {per_gy:.0f} {unit}/Gy (plausible {low:g}-{high:g})</source>
        <translation>{technique}计划“{plan}”：每分次 {total:.1f} {unit}，对应 {per_fx:.3g} Gy/fx = {per_gy:.0f} {unit}/Gy（合理范围 {low:g}-{high:g}）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>brachytherapy plan: no beam energies</source>
        <translation>近距离治疗计划：无射野能量</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no treatment beams</source>
        <translation>无治疗射野</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>treatment beams use different particles: {particles}</source>
        <translation>治疗射野使用了不同的粒子：{particles}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>beam &apos;{beam}&apos; has layers from {lowest:.1f} to {highest:.1f} MeV, outside {low:g}-{high:g} MeV</source>
        <translation>射野“{beam}”的能量层为 {lowest:.1f} 至 {highest:.1f} MeV，超出 {low:g}-{high:g} MeV</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ion beams, highest layers {layers}</source>
        <translation>离子射野，最高能量层 {layers}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>beam &apos;{beam}&apos; changes nominal energy between control points ({energies:g})</source>
        <translation>射野“{beam}”的标称能量在控制点之间变化（{energies:g}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>beam &apos;{beam}&apos; states no nominal energy</source>
        <translation>射野“{beam}”未给出标称能量</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>beam &apos;{beam}&apos; energy {energy} outside {low:g}-{high:g}</source>
        <translation>射野“{beam}”的能量 {energy} 超出 {low:g}-{high:g}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>treatment beams use {count} energies ({summary}): confirm this is intended</source>
        <translation>治疗射野使用了 {count} 种能量（{summary}）：请确认这是有意为之</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>all {count} treatment beams {energy}</source>
        <translation>全部 {count} 个治疗射野均为 {energy}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>beam &apos;{beam}&apos; (#{number}) is marked TREATMENT with no meterset (it is not in the fraction group); its name says setup or imaging: it should be a SETUP beam</source>
        <translation>射野“{beam}”（#{number}）标记为 TREATMENT 但没有跳数（不在分次组中）；其名称表明是摆位或成像射野：应为 SETUP 射野</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>treatment beam &apos;{beam}&apos; (#{number}) delivers no meterset (its fraction group meterset is 0)</source>
        <translation>治疗射野“{beam}”（#{number}）不输出跳数（其分次组跳数为 0）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>treatment beam &apos;{beam}&apos; (#{number}) delivers no meterset (it is not in the fraction group)</source>
        <translation>治疗射野“{beam}”（#{number}）不输出跳数（不在分次组中）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>all {count} treatment beams have a meterset</source>
        <translation>全部 {count} 个治疗射野均有跳数</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>plan &apos;{plan}&apos; has no setup or imaging beams</source>
        <translation>计划“{plan}”没有摆位或成像射野</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>beam &apos;{beam}&apos; (#{number}) is named like a setup/imaging beam but is a TREATMENT beam with {mu:.1f} MU: it is counted as treatment</source>
        <translation>射野“{beam}”（#{number}）的名称像摆位/成像射野，但它是 {mu:.1f} MU 的 TREATMENT 射野：被计入治疗</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{delivery} beam &apos;{beam}&apos; (#{number}) carries a beam dose of {dose:g} Gy in the fraction group: its dose is counted with the treatment</source>
        <translation>{delivery} 射野“{beam}”（#{number}）在分次组中带有 {dose:g} Gy 的射野剂量：其剂量被计入治疗</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{delivery} beam &apos;{beam}&apos; (#{number}) has {mu:.1f} MU, not counted as treatment; confirm the imaging dose is accounted for</source>
        <translation>{delivery} 射野“{beam}”（#{number}）有 {mu:.1f} MU，未计入治疗；请确认成像剂量已被考虑</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{count} setup/imaging beams not counted ({names}); treatment {mu:.1f} MU per fraction in {beams} beams</source>
        <translation>{count} 个摆位/成像射野未计入（{names}）；治疗为每分次 {mu:.1f} MU，共 {beams} 个射野</translation>
    </message>
    <message>
        <location filename="../../plannerview/review/checks/context.py" line="+162"/>
        <location filename="../../plannerview/review/checks/structures.py" line="+106"/>
        <source>dose reference &apos;{reference}&apos;</source>
        <translation>剂量参考“{reference}”</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>no target ROI found</source>
        <translation>未找到靶区结构</translation>
    </message>
    <message>
        <location filename="../../plannerview/review/checks/dose_grid.py" line="+21"/>
        <location line="+28"/>
        <location filename="../../plannerview/review/checks/ion.py" line="+124"/>
        <location filename="../../plannerview/review/checks/prescription.py" line="+117"/>
        <location filename="../../plannerview/review/checks/references.py" line="+38"/>
        <source>no dose for plan &apos;{plan}&apos;</source>
        <translation>计划“{plan}”没有剂量</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>brachytherapy plan: the technique limits are for external beams</source>
        <translation>近距离治疗计划：技术限值适用于外照射射野</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>dose grid {dx:g} x {dy:g} x {dz:g} mm; stereotactic ({why}) plan: at most {limit:g} mm</source>
        <translation>剂量网格 {dx:g} x {dy:g} x {dz:g} mm；立体定向（{why}）计划：最大 {limit:g} mm</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>dose grid {dx:g} x {dy:g} x {dz:g} mm; conventional plan: at most {limit:g} mm</source>
        <translation>剂量网格 {dx:g} x {dy:g} x {dz:g} mm；常规计划：最大 {limit:g} mm</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>no structure set: target and body coverage cannot be checked</source>
        <translation>无结构集：无法检查靶区和体表的覆盖</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>target &apos;{target}&apos; reaches {outside:.1f} mm outside the dose grid</source>
        <translation>靶区“{target}”超出剂量网格 {outside:.1f} mm</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the grid covers all {count} targets</source>
        <translation>网格覆盖全部 {count} 个靶区</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no target ROI to check the grid against</source>
        <translation>没有靶区结构可用于检查网格</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no EXTERNAL (body) ROI: the beams&apos; entrance cannot be checked</source>
        <translation>没有 EXTERNAL（体表）结构：无法检查射野入射处</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>beam &apos;{beam}&apos; at gantry {gantry:g}: central axis never enters the body</source>
        <translation>射野“{beam}”机架角 {gantry:g}：中心轴始终未进入体内</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>beam &apos;{beam}&apos; (gantry {gantry:g}) enters the body at ({x:.0f}, {y:.0f}, {z:.0f}) mm, {outside:.1f} mm outside the dose grid</source>
        <translation>射野“{beam}”（机架角 {gantry:g}）在 ({x:.0f}, {y:.0f}, {z:.0f}) mm 处进入体内，超出剂量网格 {outside:.1f} mm</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the grid covers the body where the {count} beam directions enter</source>
        <translation>网格覆盖 {count} 个射野方向的入射处体表</translation>
    </message>
    <message>
        <location filename="../../plannerview/review/checks/geometry.py" line="+19"/>
        <source>brachytherapy plan: no isocentre</source>
        <translation>近距离治疗计划：无等中心</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no treatment beam of plan &apos;{plan}&apos; states an isocentre</source>
        <translation>计划“{plan}”没有任何治疗射野给出等中心</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no structure set: the isocentre cannot be placed against the body and targets</source>
        <translation>无结构集：无法相对于体表和靶区定位等中心</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>isocentre ({x:.1f}, {y:.1f}, {z:.1f}) mm of {beams}: no EXTERNAL ROI to check it is inside the body</source>
        <translation>{beams} 的等中心 ({x:.1f}, {y:.1f}, {z:.1f}) mm：没有 EXTERNAL 结构可用于检查其是否在体内</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>isocentre ({x:.1f}, {y:.1f}, {z:.1f}) mm of {beams} is outside the body &apos;{body}&apos; (by {distance:.1f} mm)</source>
        <translation>{beams} 的等中心 ({x:.1f}, {y:.1f}, {z:.1f}) mm 位于体表“{body}”之外（{distance:.1f} mm）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>isocentre ({x:.1f}, {y:.1f}, {z:.1f}) mm of {beams}: no target ROI to check the distance to</source>
        <translation>{beams} 的等中心 ({x:.1f}, {y:.1f}, {z:.1f}) mm：没有靶区结构可用于检查距离</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>isocentre ({x:.1f}, {y:.1f}, {z:.1f}) mm of {beams}: {distance:.1f} mm from target &apos;{target}&apos;</source>
        <translation>{beams} 的等中心 ({x:.1f}, {y:.1f}, {z:.1f}) mm：距靶区“{target}” {distance:.1f} mm</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>isocentre ({x:.1f}, {y:.1f}, {z:.1f}) mm of {beams} is inside target &apos;{target}&apos;</source>
        <translation>{beams} 的等中心 ({x:.1f}, {y:.1f}, {z:.1f}) mm 位于靶区“{target}”内</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>brachytherapy plan: no external beams</source>
        <translation>近距离治疗计划：无外照射射野</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&apos;{beam}&apos; (gantry {gantry:g})</source>
        <translation>“{beam}”（机架角 {gantry:g}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no beam enters through the couch ({position})</source>
        <translation>没有射野穿过治疗床（{position}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>beams {beams} pass through the couch; support structures {rois} are present</source>
        <translation>射野 {beams} 穿过治疗床；支撑结构 {rois} 已存在</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>beams {beams} pass through the couch; no structure set to look for it</source>
        <translation>射野 {beams} 穿过治疗床；没有结构集可供查找</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>beams {beams} pass through the couch ({position}) but structure set &apos;{structure_set}&apos; has no couch/support ROI: its attenuation is not modelled</source>
        <translation>射野 {beams} 穿过治疗床（{position}），但结构集“{structure_set}”没有治疗床/支撑结构：其衰减未被建模</translation>
    </message>
    <message>
        <location filename="../../plannerview/review/checks/ion.py" line="-103"/>
        <location line="+58"/>
        <location line="+42"/>
        <source>not an ion plan</source>
        <translation>不是离子计划</translation>
    </message>
    <message>
        <location line="-90"/>
        <source>beam &apos;{beam}&apos;: range shifter &apos;{shifter}&apos; (#{number}) is declared but its setting is not given at the first control point</source>
        <translation>射野“{beam}”：射程移位器“{shifter}”（#{number}）已声明，但第一个控制点未给出其设置</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>beam &apos;{beam}&apos;: a control point sets range shifter #{number}, which the beam does not declare</source>
        <translation>射野“{beam}”：某控制点设置了射程移位器 #{number}，但该射野未声明它</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>beam &apos;{beam}&apos;: the snout moves during the beam ({positions:g} mm)</source>
        <translation>射野“{beam}”：射野照射过程中 snout 移动（{positions:g} mm）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>beam &apos;{beam}&apos;: snout &apos;{snout}&apos; with no snout position</source>
        <translation>射野“{beam}”：snout“{snout}”没有位置</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>beam &apos;{beam}&apos;: range shifter {shifter} is IN with a water-equivalent thickness of {thickness:g} mm</source>
        <translation>射野“{beam}”：射程移位器 {shifter} 为 IN，水等效厚度为 {thickness:g} mm</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>beam &apos;{beam}&apos;: range shifter {shifter} at {distance:.1f} mm from the isocentre is downstream of the snout at {snout:.1f} mm: the two are inconsistent</source>
        <translation>射野“{beam}”：距等中心 {distance:.1f} mm 的射程移位器 {shifter} 位于 {snout:.1f} mm 处 snout 的下游：二者不一致</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&apos;{beam}&apos;: {shifter} IN at {distance:.1f} mm, snout at {snout:.1f} mm</source>
        <translation>“{beam}”：{shifter} IN，位于 {distance:.1f} mm，snout 位于 {snout:.1f} mm</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&apos;{beam}&apos;: no range shifter, snout {snout} at {position:g} mm</source>
        <translation>“{beam}”：无射程移位器，snout {snout} 位于 {position:g} mm</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;{beam}&apos;: no range shifter</source>
        <translation>“{beam}”：无射程移位器</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&apos;{beam}&apos;: scan mode {mode} (no spot map to check)</source>
        <translation>“{beam}”：扫描模式 {mode}（无点图可检查）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>beam &apos;{beam}&apos; has a meterset of {meterset:g} but no spot with a weight</source>
        <translation>射野“{beam}”的跳数为 {meterset:g}，但没有带权重的点</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&apos;{beam}&apos;: {layers} energy layers, {spots} spots (at most {max_layers} layers, {max_spots} spots)</source>
        <translation>“{beam}”：{layers} 个能量层，{spots} 个点（最多 {max_layers} 层、{max_spots} 个点）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&apos;{beam}&apos;: {layers} energy layers, {spots} spots: energy layers are not in descending order</source>
        <translation>“{beam}”：{layers} 个能量层，{spots} 个点：能量层未按降序排列</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;{beam}&apos;: {layers} energy layers, {spots} spots; a layer has {most} spots (over {limit})</source>
        <translation>“{beam}”：{layers} 个能量层，{spots} 个点；某一层有 {most} 个点（超过 {limit}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;{beam}&apos;: {layers} energy layers, {spots} spots ({fewest}-{most} per layer)</source>
        <translation>“{beam}”：{layers} 个能量层，{spots} 个点（每层 {fewest}-{most} 个）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{kind} plan with an EFFECTIVE (RBE-weighted) dose</source>
        <translation>{kind}计划带有 EFFECTIVE（RBE 加权）剂量</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>RBE-weighted (EFFECTIVE) dose in Gy(RBE) is compared with the clinical goals and the prescription</source>
        <translation>以 Gy(RBE) 为单位的 RBE 加权（EFFECTIVE）剂量与临床目标和处方剂量比较</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>RBE-weighted (EFFECTIVE) dose in Gy(RBE) is compared with the prescription</source>
        <translation>以 Gy(RBE) 为单位的 RBE 加权（EFFECTIVE）剂量与处方剂量比较</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>untyped</source>
        <translation>无类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{kind} plan reviewed on a {dose_type} dose: the clinical goals and the prescription are RBE-weighted (Gy(RBE)); use the EFFECTIVE dose</source>
        <translation>{kind}计划在 {dose_type} 剂量上审核：临床目标和处方剂量是 RBE 加权的（Gy(RBE)）；请使用 EFFECTIVE 剂量</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{kind} plan reviewed on a {dose_type} dose: the prescription are RBE-weighted (Gy(RBE)); use the EFFECTIVE dose</source>
        <translation>{kind}计划在 {dose_type} 剂量上审核：处方剂量是 RBE 加权的（Gy(RBE)）；请使用 EFFECTIVE 剂量</translation>
    </message>
    <message>
        <location filename="../../plannerview/review/checks/prescription.py" line="-91"/>
        <source>brachytherapy plan &apos;{plan}&apos; states no prescription</source>
        <translation>近距离治疗计划“{plan}”未给出处方剂量</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>plan &apos;{plan}&apos; states no target prescription dose: nothing to check it against</source>
        <translation>计划“{plan}”未给出靶区处方剂量：无可比较的依据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rx {rx:g} Gy in {fractions} fx</source>
        <translation>处方剂量 {rx:g} Gy，{fractions} fx</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>target dose levels {levels:g} Gy</source>
        <translation>靶区剂量水平 {levels:g} Gy</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>fraction group: beam doses {per_fx:.4g} Gy x {fractions} fx = {total:.4g} Gy vs Rx {rx:g} Gy ({dev:+.1f} %)</source>
        <translation>分次组：射野剂量 {per_fx:.4g} Gy x {fractions} fx = {total:.4g} Gy，处方剂量 {rx:g} Gy（{dev:+.1f} %）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>plan label &apos;{label}&apos; says {label_fractions} fractions, the fraction group {fractions}</source>
        <translation>计划标签“{label}”写的是 {label_fractions} 分次，分次组为 {fractions}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>plan label &apos;{label}&apos; says {label_gy:g} Gy; the prescription is {rx:g} Gy ({per_fx:.3g} Gy/fx)</source>
        <translation>计划标签“{label}”写的是 {label_gy:g} Gy；处方剂量为 {rx:g} Gy（{per_fx:.3g} Gy/fx）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>plan label &apos;{label}&apos; says {label_gy:g} Gy; the prescription is {rx:g} Gy</source>
        <translation>计划标签“{label}”写的是 {label_gy:g} Gy；处方剂量为 {rx:g} Gy</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>plan intent is VERIFICATION (a QA plan), not a treatment plan</source>
        <translation>计划意图为 VERIFICATION（质控计划），不是治疗计划</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>dose maximum {dmax:.2f} {unit} = {pct:.1f} % of {ref:.4g} Gy</source>
        <translation>最大剂量 {dmax:.2f} {unit} = {ref:.4g} Gy 的 {pct:.1f} %</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>target &apos;{target}&apos; ({how}) {metric} {dose:.2f} {unit} = {pct:.1f} % of Rx</source>
        <translation>靶区“{target}”（{how}）{metric} {dose:.2f} {unit} = 处方剂量的 {pct:.1f} %</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>no target ROI for the prescription ({how}): coverage not checked</source>
        <translation>没有处方剂量对应的靶区结构（{how}）：未检查覆盖</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>the dose under review is a BEAM dose (beam {beams}) of a plan with {count} treatment beams: the prescription and goals are for the whole plan</source>
        <translation>审核中的剂量是 BEAM 剂量（射野 {beams}），而计划有 {count} 个治疗射野：处方剂量和目标针对整个计划</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>BEAM dose of the plan&apos;s only treatment beam ({beams})</source>
        <translation>计划唯一治疗射野（{beams}）的 BEAM 剂量</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>dose summation type {summation}: not a plan, fraction or multi-plan dose</source>
        <translation>剂量叠加类型 {summation}：不是计划、分次或多计划剂量</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>dose summation type missing: not a plan, fraction or multi-plan dose</source>
        <translation>缺少剂量叠加类型：不是计划、分次或多计划剂量</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{summation} dose (no prescription/fractions to cross-check its level)</source>
        <translation>{summation} 剂量（没有处方剂量/分次可用于核对其水平）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>dose is labelled FRACTION but its maximum {dmax:.2f} Gy is near the total prescription {rx:g} Gy ({fractions} fx): it looks like a whole-plan dose</source>
        <translation>剂量标为 FRACTION（单分次），但其最大值 {dmax:.2f} Gy 接近总处方剂量 {rx:g} Gy（{fractions} fx）：看起来是整个计划的剂量</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>dose is labelled {summation} but its maximum {dmax:.2f} Gy is near one fraction&apos;s {per_fx:.3g} Gy (Rx {rx:g} Gy in {fractions}): it looks like a per-fraction dose</source>
        <translation>剂量标为 {summation}，但其最大值 {dmax:.2f} Gy 接近单次的 {per_fx:.3g} Gy（处方剂量 {rx:g} Gy，{fractions} 次）：看起来是单分次剂量</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>FRACTION dose (max {dmax:.2f} Gy): goals and coverage are compared per fraction ({per_fx:.3g} Gy), protocols are usually for the whole course</source>
        <translation>FRACTION（单分次）剂量（最大 {dmax:.2f} Gy）：目标和覆盖按单分次比较（{per_fx:.3g} Gy），而方案通常针对整个疗程</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{summation} dose, maximum {dmax:.2f} Gy against Rx {rx:g} Gy in {fractions} fx</source>
        <translation>{summation} 剂量，最大值 {dmax:.2f} Gy，处方剂量 {rx:g} Gy，{fractions} fx</translation>
    </message>
    <message>
        <location filename="../../plannerview/review/checks/references.py" line="-19"/>
        <source>plan &apos;{plan}&apos; is APPROVED in the planning system</source>
        <translation>计划“{plan}”在计划系统中为 APPROVED（已批准）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>plan &apos;{plan}&apos; is UNAPPROVED: not yet approved in the planning system</source>
        <translation>计划“{plan}”为 UNAPPROVED：尚未在计划系统中批准</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>plan &apos;{plan}&apos; is REJECTED in the planning system</source>
        <translation>计划“{plan}”在计划系统中为 REJECTED（被拒绝）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>plan &apos;{plan}&apos; has no valid Approval Status ({status})</source>
        <translation>计划“{plan}”没有有效的批准状态（Approval Status：{status}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>plan &apos;{plan}&apos; has no valid Approval Status (missing)</source>
        <translation>计划“{plan}”没有有效的批准状态（Approval Status 缺失）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the dose references no plan (ReferencedRTPlanSequence missing)</source>
        <translation>剂量未引用任何计划（缺少 ReferencedRTPlanSequence）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the dose references plan {uid}, which is not in the input (reviewing &apos;{plan}&apos;)</source>
        <translation>剂量引用的计划 {uid} 不在输入中（审核的是“{plan}”）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the dose belongs to plan &apos;{other}&apos;, not to &apos;{plan}&apos;</source>
        <translation>剂量属于计划“{other}”，而不是“{plan}”</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the dose references beam(s) {beams}, not in plan &apos;{plan}&apos;</source>
        <translation>剂量引用的射野 {beams} 不在计划“{plan}”中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the dose references plan &apos;{plan}&apos; ({uid})</source>
        <translation>剂量引用计划“{plan}”（{uid}）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the dose stores no TPS DVHs</source>
        <translation>剂量未存储 TPS 剂量体积直方图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no structure set to compute our DVHs on</source>
        <translation>没有结构集可用于计算我们的剂量体积直方图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>RELATIVE dose: DVHs are not compared</source>
        <translation>RELATIVE 剂量：不比较剂量体积直方图</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>&apos;{roi}&apos; {metric}: ours {ours:.2f} Gy, TPS {theirs:.2f} Gy ({diff:+.1f} % of {ref:g} Gy)</source>
        <translation>“{roi}” {metric}：本软件 {ours:.2f} Gy，TPS {theirs:.2f} Gy（{ref:g} Gy 的 {diff:+.1f} %）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>no stored TPS DVH of an ROI of at least {volume:g} cc</source>
        <translation>没有体积至少 {volume:g} cc 的结构的已存储 TPS 剂量体积直方图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} TPS DVHs agree with ours within {limit:g} % of {ref:g} Gy (largest {largest:.2f} %)</source>
        <translation>{count} 个 TPS 剂量体积直方图与本软件的一致，差异在 {ref:g} Gy 的 {limit:g} % 以内（最大 {largest:.2f} %）</translation>
    </message>
    <message>
        <location filename="../../plannerview/review/checks/registry.py" line="+77"/>
        <source>nothing to check</source>
        <translation>无可检查项</translation>
    </message>
    <message>
        <location filename="../../plannerview/review/checks/runner.py" line="+119"/>
        <source>the check could not run: {error}</source>
        <translation>检查无法运行：{error}</translation>
    </message>
    <message>
        <location filename="../../plannerview/review/checks/structures.py" line="-81"/>
        <location line="+74"/>
        <source>no structure set</source>
        <translation>无结构集</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>no target or organ ROIs to name</source>
        <translation>没有需要命名的靶区或器官结构</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{standard} of {count} ROI names are TG-263</source>
        <translation>{count} 个结构名称中有 {standard} 个符合 TG-263</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not standard but recognised: {names}</source>
        <translation>非标准但可识别：{names}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not recognised: {names}</source>
        <translation>无法识别：{names}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>plan &apos;{plan}&apos; has no target dose reference with a prescription dose</source>
        <translation>计划“{plan}”没有带处方剂量的靶区剂量参考</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} target dose references (no structure set to match them to ROIs)</source>
        <translation>{count} 个靶区剂量参考（没有结构集可将其与结构匹配）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{count} target dose references but no target ROI in &apos;{structure_set}&apos;</source>
        <translation>{count} 个靶区剂量参考，但“{structure_set}”中没有靶区结构</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>none by ROI</source>
        <translation>没有按结构关联的</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no target ROI is named by a dose reference ({references}); prescription taken to &apos;{target}&apos; ({how})</source>
        <translation>没有靶区结构被剂量参考（{references}）指名；处方剂量按“{target}”处理（{how}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>targets without a dose reference: {targets} (linked: {linked})</source>
        <translation>没有剂量参考的靶区：{targets}（已关联：{linked}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>every target has a dose reference: {linked}</source>
        <translation>每个靶区都有剂量参考：{linked}</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+7"/>
        <source>goal {roi} {metric}</source>
        <translation>目标 {roi} {metric}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no ROI is used by a dose reference or a goal</source>
        <translation>没有结构被剂量参考或目标使用</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&apos;{roi}&apos; ({why}) has no closed contours</source>
        <translation>“{roi}”（{why}）没有闭合轮廓</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{count} ROIs used by dose references or goals all have contours: {rois}</source>
        <translation>剂量参考或目标使用的 {count} 个结构都有轮廓：{rois}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>structure set</source>
        <translation>结构集</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>dose</source>
        <translation>剂量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>image</source>
        <translation>图像</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{objects} are on {count} frames of reference: {detail}</source>
        <translation>{objects}位于 {count} 个参考坐标系上：{detail}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>only the plan: no structure set or dose to compare frames with</source>
        <translation>只有计划：没有结构集或剂量可用于比较参考坐标系</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{objects} share frame of reference {frame}</source>
        <translation>{objects}共用参考坐标系 {frame}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>no secondary images on another frame of reference</source>
        <translation>没有位于其他参考坐标系上的次要图像</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{modality} series &apos;{series}&apos; is registered to the planning frame</source>
        <translation>{modality} 序列“{series}”已配准到计划坐标系</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{modality} series &apos;{series}&apos; is referenced by the structure set (used in contouring) but no registration maps it to the planning frame</source>
        <translation>{modality} 序列“{series}”被结构集引用（用于勾画），但没有配准将其映射到计划坐标系</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{modality} series &apos;{series}&apos; is on frame {frame} with no registration to the planning frame</source>
        <translation>{modality} 序列“{series}”位于坐标系 {frame}，没有到计划坐标系的配准</translation>
    </message>
    <message>
        <location filename="../../plannerview/compute/beam_entry.py" line="+162"/>
        <source>beam {beam}: gantry {gantry:g} deg, {position}: the beam dose enters where the beam does ({pct:.0f} % of the maximum at the entrance)</source>
        <translation>射野 {beam}：机架角 {gantry:g} deg，{position}：射野剂量从射野入射处进入（入射处为最大值的 {pct:.0f} %）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>beam {beam}: gantry {gantry:g} deg, {position}: the plan dose enters where the beam does ({pct:.0f} % of the maximum at the entrance)</source>
        <translation>射野 {beam}：机架角 {gantry:g} deg，{position}：计划剂量从射野入射处进入（入射处为最大值的 {pct:.0f} %）</translation>
    </message>
    <message>
        <location filename="../../plannerview/model/text.py" line="+51"/>
        <source>; </source>
        <extracomment>the separators of joined clauses and of lists of messages (Chinese writes &quot;；&quot; and &quot;、&quot;)</extracomment>
        <translation>；</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <location filename="../../plannerview/compute/beam_entry.py" line="+4"/>
        <source>beam {beam}: gantry {gantry:g} deg, couch {couch:g} deg, {position} puts the entrance where the beam dose is {pct:.0f} % of its maximum; the dose enters as {positions} would place the beam: check the patient setup (position, couch, a fixed-beamline convention) before recalculating</source>
        <translation>射野 {beam}：机架角 {gantry:g} deg，治疗床 {couch:g} deg，{position} 将入射处置于射野剂量为其最大值 {pct:.0f} % 的位置；剂量的进入方式与 {positions} 放置射野时一致：重新计算前请检查患者摆位（体位、治疗床、固定束线约定）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>beam {beam}: gantry {gantry:g} deg, couch {couch:g} deg, {position} puts the entrance where the plan dose is {pct:.0f} % of its maximum; the dose enters as {positions} would place the beam: check the patient setup (position, couch, a fixed-beamline convention) before recalculating</source>
        <translation>射野 {beam}：机架角 {gantry:g} deg，治疗床 {couch:g} deg，{position} 将入射处置于计划剂量为其最大值 {pct:.0f} % 的位置；剂量的进入方式与 {positions} 放置射野时一致：重新计算前请检查患者摆位（体位、治疗床、固定束线约定）</translation>
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
        <translation>结构</translation>
    </message>
    <message>
        <location line="-446"/>
        <location line="+2"/>
        <location line="+444"/>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="-443"/>
        <source>Limit</source>
        <translation>限值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A status</source>
        <translation>A 状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>B status</source>
        <translation>B 状态</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>plannerview — compare plans (not a medical device)</source>
        <translation>plannerview — 计划比较（非医疗器械）</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>A is {unit_a} ({summation_a}), B is {unit_b} ({summation_b}): tick &apos;Allow mixed dose types&apos; and press Compare</source>
        <translation>A 为 {unit_a}（{summation_a}），B 为 {unit_b}（{summation_b}）：请勾选“允许不同剂量类型”后点击“比较”</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>(no protocol)</source>
        <translation>（无方案）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Allow mixed dose types</source>
        <translation>允许不同剂量类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare Gy with Gy(RBE), or doses of different summation types</source>
        <translation>比较 Gy 与 Gy(RBE)，或不同叠加类型的剂量</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>cut-off</source>
        <translation>阈值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>low-dose cut-off, % of A&apos;s maximum (voxels below it are not evaluated)</source>
        <translation>低剂量阈值，A 最大剂量的 %（低于此值的体素不参与评估）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+281"/>
        <source>local</source>
        <translation>局部</translation>
    </message>
    <message>
        <location line="-280"/>
        <source>local gamma: the dose criterion is % of the reference dose at each voxel</source>
        <translation>局部 γ：剂量标准为每个体素处参考剂量的 %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reference</source>
        <translation>参考剂量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>evaluated</source>
        <translation>被评估剂量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>local gamma normalised on the reference dose at each voxel (default), or on the evaluated dose at each searched point</source>
        <translation>局部 γ：按每个体素的参考剂量归一（默认），或按每个搜索点的被评估剂量归一</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>derived</source>
        <translation>派生</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in memory</source>
        <translation>内存中</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Protocol</source>
        <translation>方案</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Gamma</source>
        <translation>γ</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Volume</source>
        <translation>体积</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+241"/>
        <source>Dose</source>
        <translation>剂量</translation>
    </message>
    <message>
        <location line="-235"/>
        <source>DVH (A solid, B dashed)</source>
        <translation>剂量体积直方图（A 实线，B 虚线）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+290"/>
        <source>Goals</source>
        <translation>临床目标</translation>
    </message>
    <message>
        <location line="-164"/>
        <source>A or B changed: press Compare</source>
        <translation>A 或 B 已更改：请点击“比较”</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>choose two doses</source>
        <translation>请选择两个剂量</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>comparing…</source>
        <translation>正在比较…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source> — tick &apos;Allow mixed dose types&apos; to compare anyway</source>
        <translation>——勾选“允许不同剂量类型”仍可比较</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>comparison failed: {error}</source>
        <translation>比较失败：{error}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>comparison cancelled</source>
        <translation>比较已取消</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>mean {mean}, range {low} … {high}</source>
        <translation>均值 {mean}，范围 {low} … {high}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>global</source>
        <translation>全局</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gamma {dd} %/{dta} mm {kind}, cut-off {cutoff} %: pass {rate} % of {voxels} voxels</source>
        <translation>γ {dd} %/{dta} mm {kind}，阈值 {cutoff} %：{voxels} 个体素中通过率 {rate} %</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{a} vs {b}: gamma pass {rate} %, max |A − B| {max} {unit}</source>
        <translation>{a} 对比 {b}：γ 通过率 {rate} %，最大 |A − B| {max} {unit}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>gamma</source>
        <translation>γ</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Goals ({protocol})</source>
        <translation>临床目标（{protocol}）</translation>
    </message>
</context>
<context>
    <name>ConsultStatusWidget</name>
    <message>
        <location filename="../../plugins/plannerview-consult/plannerview_consult/widget.py" line="+24"/>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+8"/>
        <source>Consult: not running</source>
        <translation>会诊：未运行</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Consult {server}: {state}; {waiting} waiting, {conflicts} conflict(s)</source>
        <translation>会诊 {server}：{state}；{waiting} 项等待，{conflicts} 项冲突</translation>
    </message>
</context>
<context>
    <name>DisplayPanel</name>
    <message>
        <location filename="../../plannerview/ui/display_panel.py" line="+41"/>
        <source>(custom)</source>
        <translation>（自定义）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Window preset</source>
        <translation>窗宽窗位预设</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour wash</source>
        <translation>剂量色彩图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Isodose lines</source>
        <translation>等剂量线</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>% Rx</source>
        <translation>% 处方剂量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wash from</source>
        <translation>色彩图下限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wash to</source>
        <translation>色彩图上限</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wash opacity</source>
        <translation>色彩图不透明度</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Isodose levels</source>
        <translation>等剂量线水平</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Levels in</source>
        <translation>水平单位</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Registered image</source>
        <translation>配准图像</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blend</source>
        <translation>融合</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+33"/>
        <source>Per-fraction dose: show the whole course</source>
        <translation>分次剂量：显示整个疗程</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>A dose labelled FRACTION holds one fraction. Tick to multiply it by the plan&apos;s number of fractions (a new, labelled dose); untick to go back.</source>
        <translation>标记为 FRACTION 的剂量只含一个分次。勾选后乘以计划的分次数（生成一个新的、带标记的剂量）；取消勾选即恢复。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Per-fraction dose: show the whole course (x {count} fx)</source>
        <translation>分次剂量：显示整个疗程（x {count} fx）</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>no registration (REG) maps this image onto the primary image&apos;s frame</source>
        <translation>没有配准 (REG) 将此图像映射到主图像的坐标系</translation>
    </message>
</context>
<context>
    <name>DoseCheck</name>
    <message>
        <location filename="../../plannerview/ui/dose_check_action.py" line="+42"/>
        <source>Check dose (independent engine)…</source>
        <translation>剂量核对（独立引擎）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>recalculate the selected plan with an independent engine and compare it with the planning system&apos;s dose</source>
        <translation>用独立引擎重新计算所选计划，并与计划系统的剂量比较</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Beam setup</source>
        <translation>射野摆位</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>As the plan states</source>
        <translation>按计划所述</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>beams placed as {position}</source>
        <translation>射野按 {position} 放置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>beams placed as the plan states</source>
        <translation>射野按计划所述放置</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>select an external-beam plan first</source>
        <translation>请先选择一个外照射射野计划</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>plan {plan} has no planning-system dose in Gy to compare with</source>
        <translation>计划 {plan} 没有可供比较的计划系统剂量（以 Gy 为单位）</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>checking the dose of {plan} with {engine}…</source>
        <translation>正在用 {engine} 核对 {plan} 的剂量…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>dose check failed: {error}</source>
        <translation>剂量核对失败：{error}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>dose check cancelled</source>
        <translation>剂量核对已取消</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>dose check {verdict}: gamma 3%/3mm {rate} %</source>
        <translation>剂量核对 {verdict}：γ 3%/3mm {rate} %</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, normalised x{factor}</source>
        <translation>，已归一化 x{factor}</translation>
    </message>
</context>
<context>
    <name>DoseCheckReasons</name>
    <message>
        <location filename="../../plannerview/review/dose_check.py" line="+289"/>
        <source>gamma 3%/3mm {rate:.1f} % is below the action level {level:g} %</source>
        <translation>γ 3%/3mm {rate:.1f} % 低于行动水平 {level:g} %</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>gamma 3%/3mm {rate:.1f} % is below {level:g} % (action level {action:g} %)</source>
        <translation>γ 3%/3mm {rate:.1f} % 低于 {level:g} %（行动水平 {action:g} %）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>gamma 3%/3mm {rate:.1f} % &gt;= {level:g} %</source>
        <translation>γ 3%/3mm {rate:.1f} % &gt;= {level:g} %</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>target {target}: mean dose differs by {diff:+.1f} % (action level {level:g} %)</source>
        <translation>靶区 {target}：平均剂量相差 {diff:+.1f} %（行动水平 {level:g} %）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>target {target}: mean dose differs by {diff:+.1f} %</source>
        <translation>靶区 {target}：平均剂量相差 {diff:+.1f} %</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>statistical uncertainty {uncertainty:.1f} % in the target is above {level:g} %: Monte Carlo noise makes gamma pass rates optimistic</source>
        <translation>靶区内的统计不确定度 {uncertainty:.1f} % 高于 {level:g} %：Monte Carlo 噪声使 γ 通过率偏乐观</translation>
    </message>
</context>
<context>
    <name>DvhPanel</name>
    <message>
        <location filename="../../plannerview/ui/dvh_panel.py" line="+48"/>
        <source>{percent} % of the ROI inside the dose grid</source>
        <translation>结构有 {percent} % 位于剂量网格内</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Volume in %</source>
        <translation>体积以 % 表示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dose in % of Rx</source>
        <translation>剂量以处方剂量的 % 表示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TPS DVH (dashed)</source>
        <translation>TPS 剂量体积直方图（虚线）</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>no structures and dose in one frame of reference</source>
        <translation>没有位于同一参考坐标系中的结构与剂量</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>computing DVHs…</source>
        <translation>正在计算剂量体积直方图…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{count} DVHs</source>
        <translation>{count} 条剂量体积直方图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; {count} ROIs partly outside the dose grid</source>
        <translation>；{count} 个结构部分位于剂量网格外</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; 1 ROI partly outside the dose grid</source>
        <translation>；1 个结构部分位于剂量网格外</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>DVH failed: {error}</source>
        <translation>剂量体积直方图计算失败：{error}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Dose</source>
        <translation>剂量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>% Rx</source>
        <translation>% 处方剂量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Volume</source>
        <translation>体积</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{roi}: {inside} of {volume} cc inside the dose grid; the curve and its figures are for that part</source>
        <translation>{roi}：{volume} cc 中有 {inside} cc 位于剂量网格内；曲线及其数值只针对这一部分</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>dashed, thin: the TPS&apos;s own DVH</source>
        <translation>细虚线：TPS 自身的剂量体积直方图</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>dose axis to {percent} % of the prescription; the maximum is {dmax} {unit} (zoom out to see it)</source>
        <translation>剂量轴显示到处方剂量的 {percent} %；最大值为 {dmax} {unit}（缩小可查看）</translation>
    </message>
</context>
<context>
    <name>EditPanel</name>
    <message>
        <location filename="../../plannerview/ui/edit_panel.py" line="+43"/>
        <source>Brush</source>
        <translation>画笔</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Eraser</source>
        <translation>橡皮擦</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Polygon</source>
        <translation>多边形</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Freehand</source>
        <translation>手绘</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paint: click or drag</source>
        <translation>涂画：单击或拖动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Erase: click or drag</source>
        <translation>擦除：单击或拖动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click vertices; double-click or Enter closes</source>
        <translation>单击添加顶点；双击或按 Enter 闭合</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Press, draw the outline, release</source>
        <translation>按下、描绘轮廓、松开</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit a copy of this ROI (the structure set is not changed)</source>
        <translation>编辑此结构的副本（结构集不会被修改）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>new ROI name</source>
        <translation>新结构名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New ROI</source>
        <translation>新建结构</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+194"/>
        <source>Editing: —</source>
        <translation>正在编辑：—</translation>
    </message>
    <message>
        <location line="-193"/>
        <source>ROI</source>
        <translation>结构</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Tool (axial view)</source>
        <translation>工具（横断面视图）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Brush and eraser radius ([ and ] in the view)</source>
        <translation>画笔和橡皮擦半径（在视图中按 [ 和 ]）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Brush radius</source>
        <translation>画笔半径</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Slices</source>
        <translation>层面</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete contour on this slice</source>
        <translation>删除此层面上的轮廓</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interpolate to the nearest drawn slices</source>
        <translation>插值到最近的已勾画层面</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>slice number as shown in the axial view</source>
        <translation>横断面视图中显示的层面编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interpolate between</source>
        <translation>在以下层面间插值</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>and</source>
        <translation>和</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Undo edit</source>
        <translation>撤销编辑</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redo edit</source>
        <translation>重做编辑</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save as new structure set…</source>
        <translation>另存为新结构集…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>editing a copy of {roi}</source>
        <translation>正在编辑 {roi} 的副本</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>new ROI {roi}</source>
        <translation>新结构 {roi}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>interpolated slices {first}-{last} between {lower} and {upper}</source>
        <translation>已在层面 {lower} 与 {upper} 之间插值层面 {first}-{last}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>saved {rois} to {file}</source>
        <translation>已将 {rois} 保存到 {file}</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Editing: {roi}</source>
        <translation>正在编辑：{roi}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(new)</source>
        <translation>（新）</translation>
    </message>
</context>
<context>
    <name>Findings</name>
    <message>
        <location filename="../../plannerview/io/preflight.py" line="+42"/>
        <source>structure set &apos;{structure_set}&apos; is in frame of reference {frame} but the image series it references is in {image_frame}; contours would be misplaced</source>
        <translation>结构集“{structure_set}”位于参考坐标系 {frame}，但其引用的图像序列位于 {image_frame}；轮廓会错位</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>structure set &apos;{structure_set}&apos; references {count} images, {missing} of which are not in the input; contours are placed on images by position</source>
        <translation>结构集“{structure_set}”引用了 {count} 幅图像，其中 {missing} 幅不在输入中；轮廓按位置放到图像上</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>ROI &apos;{roi}&apos; has no contours</source>
        <translation>结构“{roi}”没有轮廓</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>ROI &apos;{roi}&apos; mixes {count} open contours with closed ones; open ones are ignored for volumes and DVHs</source>
        <translation>结构“{roi}”混有 {count} 个开放轮廓和闭合轮廓；计算体积和剂量体积直方图时忽略开放轮廓</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>ROI &apos;{roi}&apos; has {count} degenerate closed contours (fewer than 3 points or no area)</source>
        <translation>结构“{roi}”有 {count} 个退化的闭合轮廓（少于 3 个点或面积为零）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ROI &apos;{roi}&apos; has {count} contours that are not in an axial plane</source>
        <translation>结构“{roi}”有 {count} 个轮廓不在横断面内</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>ROI &apos;{roi}&apos; has contours on {count} planes where there is no image slice</source>
        <translation>结构“{roi}”在 {count} 个没有图像层面的平面上有轮廓</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>plan &apos;{plan}&apos; states no target prescription dose</source>
        <translation>计划“{plan}”未给出靶区处方剂量</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>plan &apos;{plan}&apos; states no number of fractions</source>
        <translation>计划“{plan}”未给出分次数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>plan &apos;{plan}&apos; holds no beams (a plan cut short loses them): nothing to deliver</source>
        <translation>计划“{plan}”不含射野（被截断的计划会丢失射野）：无可执行内容</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>plan &apos;{plan}&apos;: treatment beam &apos;{beam}&apos; (#{number}) delivers no meterset</source>
        <translation>计划“{plan}”：治疗射野“{beam}”（#{number}）不输出跳数</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>plan &apos;{plan}&apos; references structure set {uid}, which is not in the input</source>
        <translation>计划“{plan}”引用的结构集 {uid} 不在输入中</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>plan &apos;{plan}&apos; and its structure set &apos;{structure_set}&apos; are in different frames of reference</source>
        <translation>计划“{plan}”与其结构集“{structure_set}”位于不同的参考坐标系</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>dose is in {units} units, not Gy: absolute dose values cannot be reported</source>
        <translation>剂量单位为 {units}，不是 Gy：无法报告绝对剂量值</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>dose references plan {uid}, which is not in the input</source>
        <translation>剂量引用的计划 {uid} 不在输入中</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>dose and its plan &apos;{plan}&apos; are in different frames of reference</source>
        <translation>剂量与其计划“{plan}”位于不同的参考坐标系</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the TPS&apos;s DVHs of ROI number(s) {numbers} match no ROI of structure set &apos;{structure_set}&apos;; they cannot be compared</source>
        <translation>编号为 {numbers} 的结构的 TPS 剂量体积直方图与结构集“{structure_set}”中的任何结构都不匹配；无法比较</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>prescription {rx:g} Gy in {fractions} fx</source>
        <translation>处方剂量 {rx:g} Gy，{fractions} fx</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the plan states no prescription; its beam doses add up to {per_fx:.2f} Gy per fraction, {fractions} fx</source>
        <translation>计划未给出处方剂量；其射野剂量合计每分次 {per_fx:.2f} Gy，{fractions} fx</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>plan &apos;{plan}&apos; states no prescription: whether the dose labelled {summation} holds one fraction or the whole course cannot be checked (its maximum is {dmax:.2f} Gy)</source>
        <translation>计划“{plan}”未给出处方剂量：无法检查标为 {summation} 的剂量是单分次还是整个疗程（其最大值为 {dmax:.2f} Gy）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>plan &apos;{plan}&apos; states no prescription and no number of fractions: whether the dose labelled {summation} holds one fraction or the whole course cannot be checked (its maximum is {dmax:.2f} Gy)</source>
        <translation>计划“{plan}”既未给出处方剂量也未给出分次数：无法检查标为 {summation} 的剂量是单分次还是整个疗程（其最大值为 {dmax:.2f} Gy）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>dose is labelled FRACTION (one fraction) but its maximum {dmax:.2f} Gy is {ratio:.1f} times one fraction&apos;s {per_fx:.2f} Gy ({basis}): it looks like a whole-course dose. It is read per fraction; scaling it to the course would multiply it again</source>
        <translation>剂量标为 FRACTION（单分次），但其最大值 {dmax:.2f} Gy 是单分次 {per_fx:.2f} Gy 的 {ratio:.1f} 倍（{basis}）：看起来是整个疗程的剂量。它按单分次读取；换算到整个疗程会再乘一次</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>dose is labelled PLAN (whole course) but its maximum {dmax:.2f} Gy is only {ratio:.1f} times one fraction&apos;s {per_fx:.2f} Gy ({basis}): it looks like a per-fraction dose; whole-course goals would be met too easily</source>
        <translation>剂量标为 PLAN（计划，整个疗程），但其最大值 {dmax:.2f} Gy 仅为单分次 {per_fx:.2f} Gy 的 {ratio:.1f} 倍（{basis}）：看起来是单分次剂量；整个疗程的目标会过于容易达到</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>dose grid does not cover all of target &apos;{target}&apos;; its DVH would be incomplete</source>
        <translation>剂量网格未完全覆盖靶区“{target}”；其剂量体积直方图将不完整</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>patient differs between linked objects: &apos;{id}&apos; / &apos;{name}&apos; here, &apos;{other_id}&apos; / &apos;{other_name}&apos; in {file}</source>
        <translation>关联对象的患者不同：此处为“{id}”/“{name}”，{file} 中为“{other_id}”/“{other_name}”</translation>
    </message>
    <message>
        <location filename="../../plannerview/io/scan.py" line="+104"/>
        <source>more than {count:,} files below the inputs: the rest were not read</source>
        <translation>输入下的文件超过 {count:,} 个：其余未读取</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>folder cannot be read ({why}); its files were not loaded</source>
        <translation>无法读取文件夹（{why}）；其中的文件未加载</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>folders nested more than {depth} levels below {root} were not searched</source>
        <translation>{root} 下嵌套超过 {depth} 层的文件夹未搜索</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>link to a folder: not followed</source>
        <translation>指向文件夹的链接：未跟随</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+192"/>
        <source>cannot be read: {why}</source>
        <translation>无法读取：{why}</translation>
    </message>
    <message>
        <location line="-185"/>
        <source>not a regular file (a device, pipe or socket, or a link to one); not read</source>
        <translation>不是普通文件（设备、管道或套接字，或指向它们的链接）；未读取</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>file of {size:,.0f} MiB exceeds the {limit:,.0f} MiB limit for one file; not read</source>
        <translation>文件大小 {size:,.0f} MiB，超过单个文件 {limit:,.0f} MiB 的上限；未读取</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>damaged zip archive: {why}; not read</source>
        <translation>zip 压缩包已损坏：{why}；未读取</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>zip archive holds {count:,} members; only the first {limit:,} were read</source>
        <translation>zip 压缩包含 {count:,} 个成员；只读取了前 {limit:,} 个</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>encrypted zip member; not read</source>
        <translation>zip 成员已加密；未读取</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the archive&apos;s members exceed {limit:,.0f} MiB uncompressed in total; not read (zip bomb?)</source>
        <translation>压缩包成员解压后总计超过 {limit:,.0f} MiB；未读取（zip 炸弹？）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>member of {size:,.0f} MiB uncompressed exceeds the limit ({left:,.0f} MiB left of the archive&apos;s budget); not read</source>
        <translation>成员解压后 {size:,.0f} MiB，超过上限（压缩包预算剩余 {left:,.0f} MiB）；未读取</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>member declares a compression ratio above {ratio}:1; not read (zip bomb?)</source>
        <translation>成员声明的压缩比高于 {ratio}:1；未读取（zip 炸弹？）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>member inflates beyond its declared size, the size limit or a {ratio}:1 compression ratio; not read (zip bomb?)</source>
        <translation>成员解压后超过其声明的大小、大小上限或 {ratio}:1 的压缩比；未读取（zip 炸弹？）</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>not a DICOM file (no DICOM preamble and no DICOM element at its start)</source>
        <translation>不是 DICOM 文件（没有 DICOM 前导码，开头也没有 DICOM 元素）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>DICOM file with {what}</source>
        <translation>DICOM 文件：{what}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{padding:,} zero bytes follow {size:,} bytes of data; not read</source>
        <translation>{size:,} 字节数据之后跟着 {padding:,} 个零字节；未读取</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{padding:,} bytes of zeros after the data set were ignored (a padded or damaged copy)</source>
        <translation>数据集之后的 {padding:,} 个零字节已忽略（填充或损坏的副本）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>damaged zip member: {why}; not read</source>
        <translation>zip 成员已损坏：{why}；未读取</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>not a readable DICOM file ({why})</source>
        <translation>不是可读取的 DICOM 文件（{why}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>damaged file: sequences nested too deeply; not used</source>
        <translation>文件已损坏：序列嵌套过深；未使用</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../plannerview/io/loader.py" line="+203"/>
        <source>damaged file: {why}; not used</source>
        <translation>文件已损坏：{why}；未使用</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>not a DICOM file (no SOP class and no modality found)</source>
        <translation>不是 DICOM 文件（未找到 SOP 类和模态）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>corrupt DICOM content: {why}</source>
        <translation>DICOM 内容损坏：{why}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>DICOM object of a kind plannerview does not use (modality {modality}, SOP class {sop}); skipped</source>
        <translation>plannerview 不使用的 DICOM 对象类型（模态 {modality}，SOP 类 {sop}）；已跳过</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>vendor private SOP class {sop} read as standard {kind} content</source>
        <translation>厂商私有 SOP 类 {sop} 按标准 {kind} 内容读取</translation>
    </message>
    <message>
        <location filename="../../plannerview/io/loader.py" line="-112"/>
        <source>image series could not be read: {why}</source>
        <translation>无法读取图像序列：{why}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{kind} could not be read ({why}); not used</source>
        <translation>无法读取 {kind}（{why}）；未使用</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>some preflight checks could not run: {why}</source>
        <translation>部分预检检查无法运行：{why}</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>{count:,} files in {folder} are not DICOM (the first {listed} are listed)</source>
        <translation>{folder} 中有 {count:,} 个文件不是 DICOM（列出前 {listed} 个）</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>truncated copy of {file} (same SOP Instance UID; {why}); the complete copy {file} was used</source>
        <translation>{file} 的截断副本（SOP Instance UID 相同；{why}）；已使用完整副本 {file}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>identical copy of {file}; ignored</source>
        <translation>{file} 的相同副本；已忽略</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>has the same SOP Instance UID as {file} but different content; only {file} (first in file order) was loaded</source>
        <translation>与 {file} 的 SOP Instance UID 相同但内容不同；只加载了 {file}（按文件顺序在前）</translation>
    </message>
    <message>
        <location filename="../../plannerview/io/images.py" line="+29"/>
        <source>image slice</source>
        <translation>图像层面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{modality} slice</source>
        <translation>{modality} 层面</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>image slice lacks {tags}; it cannot be placed and was skipped</source>
        <translation>图像层面缺少 {tags}；无法定位，已跳过</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>image slice has no pixel data; skipped</source>
        <translation>图像层面没有像素数据；已跳过</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{frames} frames in a single-frame image object; not supported</source>
        <translation>单帧图像对象中有 {frames} 帧；不支持</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>is 0: every pixel would have the same value</source>
        <translation>为 0：所有像素的值将相同</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>image series could not be assembled ({why}); not used</source>
        <translation>无法组装图像序列（{why}）；未使用</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>slice differs in size or orientation from the rest of its series; skipped</source>
        <translation>该层面的尺寸或方向与序列中其余层面不同；已跳过</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>two slices at the same position ({position:.2f} mm along the normal); the second was skipped</source>
        <translation>两个层面位于同一位置（沿法线 {position:.2f} mm）；已跳过第二个</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{modality} series</source>
        <translation>{modality} 序列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>image series</source>
        <translation>图像序列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{slices} slices of {rows} x {cols} exceed the limit of {limit:,} voxels (PLANNERVIEW_MAX_VOXELS)</source>
        <translation>{slices} 个 {rows} x {cols} 的层面超过 {limit:,} 体素的上限（PLANNERVIEW_MAX_VOXELS）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{modality} slice spacing is uneven ({low:.2f} to {high:.2f} mm); geometry uses the median {median:.2f} mm</source>
        <translation>{modality} 层面间距不均匀（{low:.2f} 至 {high:.2f} mm）；几何采用中位数 {median:.2f} mm</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{modality} series acquired with gantry tilt ({angle:.1f} deg); slices are sheared, geometry is approximate</source>
        <translation>{modality} 序列采集时机架倾斜（{angle:.1f} deg）；层面错切，几何为近似</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>single-slice {modality} series states no SliceThickness; 1 mm assumed</source>
        <translation>单层面 {modality} 序列未给出 SliceThickness；假定为 1 mm</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{modality} series has a single slice</source>
        <translation>{modality} 序列只有一个层面</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{modality} series is not axial (slice normal {normal})</source>
        <translation>{modality} 序列不是横断面（层面法线 {normal}）</translation>
    </message>
    <message>
        <location filename="../../plannerview/io/integrity.py" line="+87"/>
        <source>the top level</source>
        <translation>顶层</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>the data ends 1 byte into an element header</source>
        <translation>数据在元素头的第 1 个字节处结束</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the data ends {count} bytes into an element header</source>
        <translation>数据在元素头的第 {count} 个字节处结束</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the data ends inside the header of {tag}</source>
        <translation>数据在 {tag} 的元素头内结束</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>more than {count:,} elements: not read</source>
        <translation>超过 {count:,} 个元素：未读取</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{count:,} zero bytes at byte {pos:,} inside {where}: the structure is damaged</source>
        <translation>{where} 内第 {pos:,} 字节处有 {count:,} 个零字节：结构已损坏</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count:,} zero bytes at byte {pos:,}: the structure is damaged</source>
        <translation>第 {pos:,} 字节处有 {count:,} 个零字节：结构已损坏</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>unexpected item tag inside {where} at byte {pos}: the structure is damaged</source>
        <translation>{where} 内第 {pos} 字节处出现意外的条目标记：结构已损坏</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{name} in {where} declares {length:,} bytes but the data ends after {after:,}: {missing:,} bytes are missing</source>
        <translation>{where} 中的 {name} 声明 {length:,} 字节，但数据在 {after:,} 字节后结束：缺少 {missing:,} 字节</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} declares {length:,} bytes but the data ends after {after:,}: {missing:,} bytes are missing</source>
        <translation>{name} 声明 {length:,} 字节，但数据在 {after:,} 字节后结束：缺少 {missing:,} 字节</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{where}: the data ends before the item is closed</source>
        <translation>{where}：数据在条目结束前中断</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>sequences nested deeper than {levels} levels at {where}</source>
        <translation>{where} 处的序列嵌套超过 {levels} 层</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{sequence} is not closed: the data ends after {count} complete item(s) ({where})</source>
        <translation>{sequence} 未闭合：数据在 {count} 个完整条目后结束（{where}）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{sequence}: item {number} does not start with an item tag (byte {pos}); the structure is damaged</source>
        <translation>{sequence}：第 {number} 个条目不以条目标记开头（第 {pos} 字节）；结构已损坏</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{sequence} item {number}</source>
        <translation>{sequence} 第 {number} 个条目</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{where} declares {length:,} bytes but the data ends after {after:,}</source>
        <translation>{where} 声明 {length:,} 字节，但数据在 {after:,} 字节后结束</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>the file meta information is cut short</source>
        <translation>文件元信息被截断</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the file holds no data set after its header</source>
        <translation>文件头之后没有数据集</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{count:,} bytes follow the pixel data, which would be read shifted</source>
        <translation>像素数据之后还有 {count:,} 字节，像素数据会被错位读取</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the data ends inside an element header</source>
        <translation>数据在元素头内结束</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>the file is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <location filename="../../plannerview/io/rtstruct.py" line="+32"/>
        <source>structure set has no ReferencedFrameOfReferenceSequence; frame of reference taken from its ROIs</source>
        <translation>结构集没有 ReferencedFrameOfReferenceSequence；参考坐标系取自其结构</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>structure set has no ReferencedFrameOfReferenceSequence; frame of reference taken from the images it is matched to</source>
        <translation>结构集没有 ReferencedFrameOfReferenceSequence；参考坐标系取自与其匹配的图像</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>ROI number {roi} is defined twice</source>
        <translation>结构编号 {roi} 被定义了两次</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>ROI &apos;{name}&apos;</source>
        <translation>结构“{name}”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ROI {roi} is not defined in StructureSetROISequence</source>
        <translation>结构 {roi} 未在 StructureSetROISequence 中定义</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>two ROIContourSequence items refer to ROI {roi}</source>
        <translation>ROIContourSequence 中有两个条目引用结构 {roi}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{where}, contour {number}</source>
        <translation>{where}，轮廓 {number}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>says {declared} points but ContourData holds {count}</source>
        <translation>声明 {declared} 个点，但 ContourData 包含 {count} 个</translation>
    </message>
    <message>
        <location filename="../../plannerview/io/rtdose.py" line="+45"/>
        <source>RTDOSE lacks ImageOrientationPatient; axial orientation assumed</source>
        <translation>RTDOSE 缺少 ImageOrientationPatient；假定为横断面方向</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>signed pixel data with negative values ({value}) in a dose of type {dose_type}: the standard allows signed values only for DoseType ERROR (the data look unsigned)</source>
        <translation>类型为 {dose_type} 的剂量中有带符号的负像素值（{value}）：标准仅允许 DoseType ERROR 使用带符号值（数据看起来是无符号的）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 (signed) in a dose of type {dose_type}, which the standard allows only for DoseType ERROR; no value is negative, so none changes</source>
        <translation>类型为 {dose_type} 的剂量中为 1（带符号），标准仅允许 DoseType ERROR 如此；没有负值，因此没有值改变</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{scaling:g} gives a maximum of {dose:.3g} {units}, above the plausible {limit:g}</source>
        <translation>{scaling:g} 得到的最大值为 {dose:.3g} {units}，高于合理上限 {limit:g}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{scaling:g} gives a maximum of {dose:.3g} {units}, below the plausible {limit:g}</source>
        <translation>{scaling:g} 得到的最大值为 {dose:.3g} {units}，低于合理下限 {limit:g}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>two frames at the same position</source>
        <translation>两帧位于同一位置</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>GridFrameOffsetVector starts at {offset:g} mm, neither 0 (relative) nor the first frame&apos;s position (absolute); read as relative offsets</source>
        <translation>GridFrameOffsetVector 起始于 {offset:g} mm，既不是 0（相对）也不是第一帧的位置（绝对）；按相对偏移读取</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>dose frame spacing is uneven ({low:.2f} to {high:.2f} mm)</source>
        <translation>剂量帧间距不均匀（{low:.2f} 至 {high:.2f} mm）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>single-frame RTDOSE states no SliceThickness; 1 mm assumed for its voxel volume</source>
        <translation>单帧 RTDOSE 未给出 SliceThickness；其体素体积假定为 1 mm</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>holds {count} bins, DVHNumberOfBins says {bins}</source>
        <translation>包含 {count} 个区间，DVHNumberOfBins 声明为 {bins}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>holds a negative bin width or volume</source>
        <translation>包含负的区间宽度或体积</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the TPS&apos;s DVH is not used: {problem}</source>
        <translation>未使用 TPS 的剂量体积直方图：{problem}</translation>
    </message>
    <message>
        <location filename="../../plannerview/io/registration.py" line="+42"/>
        <source>REG maps its own frame of reference with a non-identity matrix; ignored</source>
        <translation>REG 用非单位矩阵映射其自身的参考坐标系；已忽略</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>REG matrix type {type} is not rigid; not applied</source>
        <translation>REG 矩阵类型 {type} 不是刚性；未应用</translation>
    </message>
    <message>
        <location filename="../../plannerview/io/validate.py" line="+128"/>
        <source>{what} not used: {problem}</source>
        <translation>{what} 未使用：{problem}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{what}: {count} more invalid values</source>
        <translation>{what}：另有 {count} 个无效值</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>missing (the standard requires it)</source>
        <translation>缺失（标准要求提供）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>empty (the standard requires a value)</source>
        <translation>为空（标准要求有值）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not a number</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>holds {count} values, {expected} expected</source>
        <translation>包含 {count} 个值，应为 {expected} 个</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>holds {count} values, {low}..{high} expected</source>
        <translation>包含 {count} 个值，应为 {low}..{high} 个</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>holds {count} values, {low} or more expected</source>
        <translation>包含 {count} 个值，应至少 {low} 个</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../plannerview/io/rtplan.py" line="+460"/>
        <source>holds {count} values, not a multiple of {step}</source>
        <translation>包含 {count} 个值，不是 {step} 的倍数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>holds a non-finite value ({value}) at position {position}</source>
        <translation>第 {position} 个位置有非有限值（{value}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>holds a non-integer value ({value:g})</source>
        <translation>包含非整数值（{value:g}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>value {value:.0f} is beyond the 32-bit range of an integer</source>
        <translation>值 {value:.0f} 超出 32 位整数的范围</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>value {value:g} is not above {limit:g}</source>
        <translation>值 {value:g} 不大于 {limit:g}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>value {value:g} is below {limit:g}</source>
        <translation>值 {value:g} 小于 {limit:g}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>value {value:g} is not below {limit:g}</source>
        <translation>值 {value:g} 不小于 {limit:g}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>value {value:g} is above {limit:g}</source>
        <translation>值 {value:g} 大于 {limit:g}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>direction cosines are not unit vectors (lengths {row:.4f}, {column:.4f})</source>
        <translation>方向余弦不是单位向量（长度 {row:.4f}、{column:.4f}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>row and column directions are not orthogonal (cosine {cosine:.4f})</source>
        <translation>行方向与列方向不正交（余弦 {cosine:.4f}）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>missing or empty (the standard requires a value)</source>
        <translation>缺失或为空（标准要求有值）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{value} is not one of {allowed}</source>
        <translation>{value} 不属于 {allowed}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>missing or empty (the standard requires a UID)</source>
        <translation>缺失或为空（标准要求 UID）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{value} is not a UID (digits and dots, at most 64 characters)</source>
        <translation>{value} 不是 UID（数字和点，最多 64 个字符）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>value {value} is used twice</source>
        <translation>值 {value} 被使用了两次</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{tag} in {where}: {message}</source>
        <translation>{where} 中的 {tag}：{message}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{tag}: {message}</source>
        <translation>{tag}：{message}</translation>
    </message>
    <message>
        <location filename="../../plannerview/io/pixels.py" line="+82"/>
        <source>{bits} is not one of {allowed}</source>
        <translation>{bits} 不属于 {allowed}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{samples} samples per pixel (colour); plannerview reads greyscale data only</source>
        <translation>每像素 {samples} 个样本（彩色）；plannerview 只读取灰度数据</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>missing: the object holds no pixel data</source>
        <translation>缺失：该对象不含像素数据</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{rows} x {cols} x {frames} frames = {voxels:,} voxels exceeds the limit of {limit:,} (PLANNERVIEW_MAX_VOXELS)</source>
        <translation>{rows} x {cols} x {frames} 帧 = {voxels:,} 体素，超过上限 {limit:,}（PLANNERVIEW_MAX_VOXELS）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>compressed as {syntax}, for which no decoder is installed (pylibjpeg or GDCM adds JPEG-LS and JPEG 2000); the pixels cannot be read</source>
        <translation>以 {syntax} 压缩，未安装其解码器（pylibjpeg 或 GDCM 可支持 JPEG-LS 和 JPEG 2000）；无法读取像素</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>unreadable pixel data element</source>
        <translation>像素数据元素无法读取</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>holds {size:,} bytes but Rows x Columns x NumberOfFrames x BitsAllocated ({rows} x {cols} x {frames} x {bits} bits) need {need:,}</source>
        <translation>包含 {size:,} 字节，但 Rows x Columns x NumberOfFrames x BitsAllocated（{rows} x {cols} x {frames} x {bits} 位）需要 {need:,} 字节</translation>
    </message>
    <message>
        <location filename="../../plannerview/io/rtplan.py" line="-371"/>
        <source>the beam sequence</source>
        <translation>射野序列</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>beam {beam} is not in the plan&apos;s beam sequence</source>
        <translation>射野 {beam} 不在计划的射野序列中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FractionGroupSequence group {number}</source>
        <translation>FractionGroupSequence 第 {number} 组</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>says {beams} beams but ReferencedBeamSequence holds {count}</source>
        <translation>声明 {beams} 个射野，但 ReferencedBeamSequence 包含 {count} 个</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+25"/>
        <location line="+41"/>
        <location line="+75"/>
        <location line="+6"/>
        <location line="+26"/>
        <source>{where}, control point {point}</source>
        <translation>{where}，控制点 {point}</translation>
    </message>
    <message>
        <location line="-166"/>
        <source>the first control point starts at {weight:g}, not 0</source>
        <translation>第一个控制点从 {weight:g} 开始，而不是 0</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>decreases from {before:g} to {after:g} (control points {first} to {second})</source>
        <translation>从 {before:g} 减小到 {after:g}（控制点 {first} 至 {second}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>reaches {weight:g}, above FinalCumulativeMetersetWeight {final:g}</source>
        <translation>达到 {weight:g}，高于 FinalCumulativeMetersetWeight {final:g}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the last control point holds {weight:g}, not FinalCumulativeMetersetWeight {final:g}</source>
        <translation>最后一个控制点为 {weight:g}，而不是 FinalCumulativeMetersetWeight {final:g}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>says {declared} but the sequence holds {count} control points</source>
        <translation>声明 {declared} 个，但序列包含 {count} 个控制点</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>control point {point} has index {index}</source>
        <translation>控制点 {point} 的索引为 {index}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>beam {number}</source>
        <translation>射野 {number}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>do not increase strictly</source>
        <translation>不严格递增</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>a leaf or jaw of the first bank lies beyond its opposite</source>
        <translation>第一组的某个叶片或准直器越过了其对侧</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>application setup {setup}, channel {channel}</source>
        <translation>施源器设置 {setup}，通道 {channel}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>decreases from {before:g} to {after:g}</source>
        <translation>从 {before:g} 减小到 {after:g}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>ion beam {number}</source>
        <translation>离子射野 {number}</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>{where}, range shifter setting {number}</source>
        <translation>{where}，射程移位器设置 {number}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>sum to {total:.6g}, but the cumulative meterset weight advances by {step:.6g} to the next control point (the standard requires them equal)</source>
        <translation>总和为 {total:.6g}，但到下一个控制点的累积跳数权重增加 {step:.6g}（标准要求两者相等）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{where}, range shifter {number}</source>
        <translation>{where}，射程移位器 {number}</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>holds {size} bytes, not a whole number of 4-byte floats</source>
        <translation>包含 {size} 字节，不是 4 字节浮点数的整数倍</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>holds {count} values, {expected} expected for {spots} spots</source>
        <translation>包含 {count} 个值，{spots} 个点应为 {expected} 个</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>holds a non-finite value</source>
        <translation>包含非有限值</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>value {value:g} is outside {low:g}..{high}</source>
        <translation>值 {value:g} 超出 {low:g}..{high}</translation>
    </message>
</context>
<context>
    <name>FindingsLine</name>
    <message>
        <location filename="../../plannerview/ui/findings_line.py" line="+61"/>
        <source>1 error</source>
        <translation>1 个错误</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{count} errors</source>
        <translation>{count} 个错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 warning</source>
        <translation>1 个警告</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{count} warnings</source>
        <translation>{count} 个警告</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{first}, {second}</source>
        <translation>{first}，{second}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preflight of the objects in use: {counts}</source>
        <translation>所用对象的预检：{counts}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> — goals on them are not trusted (never pass)</source>
        <translation>——其上的临床目标不可信（不会判为通过）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>… {count} more (tooltip; all in the Case panel)</source>
        <translation>……另有 {count} 条（见工具提示；全部列在“病例”面板中）</translation>
    </message>
</context>
<context>
    <name>GoalNotes</name>
    <message>
        <location filename="../../plannerview/compute/goals.py" line="+165"/>
        <source>would be pass, but not trusted: preflight error {errors}</source>
        <translation>本应为通过，但不可信：预检错误 {errors}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>would be acceptable, but not trusted: preflight error {errors}</source>
        <translation>本应为可接受，但不可信：预检错误 {errors}</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>{fractions} fx</source>
        <translation>{fractions} fx</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the plan&apos;s fractions</source>
        <translation>计划的分次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>per-fraction dose evaluated against whole-course limits: dose {dose} is labelled FRACTION (one fraction), the protocol&apos;s limits are for the whole course ({rx:g} Gy in {fractions} fx). Values are per fraction; --scale-to-course evaluates the course (x {n})</source>
        <translation>按整个疗程的限值评估单分次剂量：剂量 {dose} 标记为 FRACTION（一个分次），而方案的限值针对整个疗程（{rx:g} Gy，{fractions} fx）。数值为单分次；--scale-to-course 评估整个疗程（x {n}）</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>plan fractionation unknown: limits are for {protocol} fx</source>
        <translation>计划分次未知：限值针对 {protocol} fx</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>fractionation differs: plan {plan} fx, protocol {protocol} fx (limits are for {protocol} fx; use EQD2 to convert)</source>
        <translation>分次不同：计划 {plan} fx，方案 {protocol} fx（限值针对 {protocol} fx；请用 EQD2 换算）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>plan dose taken as {plan} fx for EQD2, protocol {protocol} fx</source>
        <translation>计划剂量按 {plan} fx 计算 EQD2，方案 {protocol} fx</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>RBE-weighted dose (Gy(RBE)) compared with limits in Gy</source>
        <translation>RBE 加权剂量（Gy(RBE)）与以 Gy 为单位的限值比较</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>no ROI matches {names} (TG-263); name it in an ROI map</source>
        <translation>没有结构匹配 {names}（TG-263）；请在结构映射表中指定</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>best of {rois} (also {others})</source>
        <translation>{rois} 中最佳（另有 {others}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>best of {rois}</source>
        <translation>{rois} 中最佳</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>no {wanted}: alternative {roi} used</source>
        <translation>没有 {wanted}：使用替代结构 {roi}</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>metric not computable on this DVH</source>
        <translation>该剂量体积直方图上无法计算此指标</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the dose grid is RELATIVE, not Gy: absolute-dose metric not computable</source>
        <translation>剂量网格为 RELATIVE，不是 Gy：无法计算绝对剂量指标</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the ROI is outside the dose grid or has no volume</source>
        <translation>该结构在剂量网格之外或没有体积</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the ROI ({covered:.3g} cc in the dose grid) is smaller than {volume:g} cc</source>
        <translation>该结构（剂量网格内 {covered:.3g} cc）小于 {volume:g} cc</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{metric}: only doses in Gy are converted to total EQD2</source>
        <translation>{metric}：只有以 Gy 为单位的剂量才换算为总 EQD2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>total EQD2 (alpha/beta {ab:g} Gy): {per_fx:.2f} Gy per fraction ({summation} dose of {plan_fractions} fx divided by them) x {fractions} fx = {brachy:.1f} Gy, + external beam {ebrt_fractions} x {ebrt_per_fx:g} Gy = {ebrt:.1f} Gy</source>
        <translation>总 EQD2（α/β {ab:g} Gy）：每分次 {per_fx:.2f} Gy（{plan_fractions} fx 的 {summation} 剂量除以分次数）x {fractions} fx = {brachy:.1f} Gy，+ 外照射射野 {ebrt_fractions} x {ebrt_per_fx:g} Gy = {ebrt:.1f} Gy</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>total EQD2 (alpha/beta {ab:g} Gy): {per_fx:.2f} Gy per fraction x {fractions} fx = {brachy:.1f} Gy, + external beam {ebrt_fractions} x {ebrt_per_fx:g} Gy = {ebrt:.1f} Gy</source>
        <translation>总 EQD2（α/β {ab:g} Gy）：每分次 {per_fx:.2f} Gy x {fractions} fx = {brachy:.1f} Gy，+ 外照射射野 {ebrt_fractions} x {ebrt_per_fx:g} Gy = {ebrt:.1f} Gy</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>EQD2 (alpha/beta {ab:g} Gy): limit {limit:g} Gy in {fractions} fx = {eqd2:.2f} Gy EQD2</source>
        <translation>EQD2（α/β {ab:g} Gy）：限值 {limit:g} Gy，{fractions} fx = {eqd2:.2f} Gy EQD2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>EQD2 (alpha/beta {ab:g} Gy): threshold {threshold:g} Gy in {fractions} fx = {eqd2:.2f} Gy EQD2</source>
        <translation>EQD2（α/β {ab:g} Gy）：阈值 {threshold:g} Gy，{fractions} fx = {eqd2:.2f} Gy EQD2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>relative to the prescription (or an index): the same in EQD2, evaluated on the physical dose</source>
        <translation>相对于处方剂量（或为指数）：EQD2 下不变，按物理剂量评估</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the protocol&apos;s limits are RBE-weighted doses (Gy(RBE)); this dose is {dose_type}: evaluate the EFFECTIVE (RBE-weighted) dose</source>
        <translation>方案的限值为 RBE 加权剂量（Gy(RBE)）；此剂量为 {dose_type}：请评估 EFFECTIVE（RBE 加权）剂量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the protocol&apos;s limits are RBE-weighted doses (Gy(RBE)); this dose is of unknown type: evaluate the EFFECTIVE (RBE-weighted) dose</source>
        <translation>方案的限值为 RBE 加权剂量（Gy(RBE)）；此剂量类型未知：请评估 EFFECTIVE（RBE 加权）剂量</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>% of the plan&apos;s prescription {rx:g} Gy per fraction ({total:g} Gy / {fractions} fx)</source>
        <translation>计划处方剂量每分次 {rx:g} Gy 的 %（{total:g} Gy / {fractions} fx）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>% of the plan&apos;s prescription {rx:g} Gy</source>
        <translation>计划处方剂量 {rx:g} Gy 的 %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>% of the protocol&apos;s prescription {rx:g} Gy per fraction ({total:g} Gy / {fractions} fx) (the plan states none)</source>
        <translation>方案处方剂量每分次 {rx:g} Gy 的 %（{total:g} Gy / {fractions} fx）（计划未给出）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>% of the protocol&apos;s prescription {rx:g} Gy (the plan states none)</source>
        <translation>方案处方剂量 {rx:g} Gy 的 %（计划未给出）</translation>
    </message>
    <message>
        <location filename="../../plannerview/compute/roi_names.py" line="+28"/>
        <source> and </source>
        <translation> 与 </translation>
    </message>
    <message>
        <location line="+173"/>
        <source>{roi} taken as ipsilateral ({why})</source>
        <translation>{roi} 被视为同侧（{why}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{roi} taken as contralateral ({why})</source>
        <translation>{roi} 被视为对侧（{why}）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>each reads as TG-263 {wanted}</source>
        <translation>每个都可读作 TG-263 的 {wanted}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{roi} is TG-263 {wanted} (read without its trailing number)</source>
        <translation>{roi} 即 TG-263 的 {wanted}（忽略末尾编号）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{roi} is TG-263 {wanted}</source>
        <translation>{roi} 即 TG-263 的 {wanted}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>union of {rois} (no {wanted} ROI)</source>
        <translation>{rois} 的并集（没有 {wanted} 结构）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the parts overlap in places, so the union is approximate</source>
        <translation>各部分有局部重叠，因此并集为近似值</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+5"/>
        <source>{roi} mapped to {wanted} by the ROI map</source>
        <translation>{roi} 经结构映射表对应为 {wanted}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>exact name</source>
        <translation>名称完全一致</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{roi} (name differs in case only)</source>
        <translation>{roi}（名称仅大小写不同）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{count} ROIs could be the {wanted} ({names}): {why}; choose one with an ROI map (&apos;{first}: {wanted}&apos;)</source>
        <translation>{count} 个结构都可能是 {wanted}（{names}）：{why}；请在结构映射表中选择一个（“{first}: {wanted}”）</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>referenced by the plan&apos;s target dose reference</source>
        <translation>由计划的靶区剂量参考引用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>named and typed as a {kind}</source>
        <translation>名称和类型均为 {kind}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>named as a {kind} (its RT ROI type says otherwise)</source>
        <translation>名称为 {kind}（其 RT 结构类型不同）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>typed as a {kind}</source>
        <translation>类型为 {kind}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{kind} with {dose:g} Gy in its name</source>
        <translation>名称中含 {dose:g} Gy 的 {kind}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{kind} with the prescription ({dose:g} Gy) in its name</source>
        <translation>名称中含处方剂量（{dose:g} Gy）的 {kind}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{kind} with the highest dose in its name ({dose:g} Gy)</source>
        <translation>名称中剂量最高的 {kind}（{dose:g} Gy）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the highest dose level of the {kind}s by name ({roi})</source>
        <translation>按名称剂量水平最高的 {kind}（{roi}）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>covered by the 95 % prescription isodose (not: {left_out})</source>
        <translation>被 95 % 处方剂量等剂量线覆盖（未覆盖：{left_out}）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>no target to tell the side</source>
        <translation>没有靶区可用于判断侧别</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>targets on the patient&apos;s left of the body&apos;s centre</source>
        <translation>靶区位于患者体中心的左侧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>targets on the patient&apos;s right of the body&apos;s centre</source>
        <translation>靶区位于患者体中心的右侧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>targets on the patient&apos;s left of x = 0 (no EXTERNAL ROI)</source>
        <translation>靶区位于患者 x = 0 的左侧（没有 EXTERNAL 结构）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>targets on the patient&apos;s right of x = 0 (no EXTERNAL ROI)</source>
        <translation>靶区位于患者 x = 0 的右侧（没有 EXTERNAL 结构）</translation>
    </message>
    <message>
        <location filename="../../plannerview/compute/metrics.py" line="+76"/>
        <source>{metric}: a volume percentage must be between 0 and 100</source>
        <translation>{metric}：体积百分比必须在 0 到 100 之间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cannot read metric {metric}; use e.g. {examples}</source>
        <translation>无法读取指标 {metric}；请使用例如 {examples}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{metric}: a prescription is needed to express dose in %</source>
        <translation>{metric}：以 % 表示剂量需要处方剂量</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{metric}: a prescription is needed for a dose in % of prescription</source>
        <translation>{metric}：以处方剂量的 % 表示剂量需要处方剂量</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{metric}: needs the dose grid and a prescription</source>
        <translation>{metric}：需要剂量网格和处方剂量</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>unknown metric kind {kind}</source>
        <translation>未知的指标类型 {kind}</translation>
    </message>
    <message>
        <location filename="../../plannerview/compute/dvh.py" line="+79"/>
        <source>point ROI: no volume, no DVH</source>
        <translation>点结构：没有体积，没有剂量体积直方图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>empty ROI: no volume, no DVH</source>
        <translation>空结构：没有体积，没有剂量体积直方图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>open-contour ROI: no volume, no DVH</source>
        <translation>开放轮廓结构：没有体积，没有剂量体积直方图</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>single contour plane: slab thickness {thickness:g} mm taken from the structure set&apos;s plane spacing</source>
        <translation>只有一个轮廓平面：层厚 {thickness:g} mm 取自结构集的平面间距</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>single contour plane: slab thickness {thickness:g} mm taken from the dose grid&apos;s slice spacing</source>
        <translation>只有一个轮廓平面：层厚 {thickness:g} mm 取自剂量网格的层面间距</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>{uncovered:.2f} cc of the ROI&apos;s {total:.2f} cc lies outside the dose grid; the DVH covers the rest</source>
        <translation>结构的 {total:.2f} cc 中有 {uncovered:.2f} cc 位于剂量网格之外；剂量体积直方图覆盖其余部分</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>dose is RELATIVE: DVH in relative dose units, no Gy values</source>
        <translation>剂量为 RELATIVE：剂量体积直方图使用相对剂量单位，没有 Gy 值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ROI entirely outside the dose grid</source>
        <translation>结构完全位于剂量网格之外</translation>
    </message>
</context>
<context>
    <name>GoalsPanel</name>
    <message>
        <location filename="../../plannerview/ui/brachy_panel.py" line="-49"/>
        <location filename="../../plannerview/ui/goals_panel.py" line="+42"/>
        <source>ROI</source>
        <translation>结构</translation>
    </message>
    <message>
        <location filename="../../plannerview/ui/goals_panel.py" line="+0"/>
        <source>Matched</source>
        <translation>匹配的结构</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limit</source>
        <translation>限值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Acceptable</source>
        <translation>可接受</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(choose a protocol)</source>
        <translation>（请选择方案）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(pick the ROI)</source>
        <translation>（请选择结构）</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Protocol</source>
        <translation>方案</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>your choice</source>
        <translation>您的选择</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>choose one</source>
        <translation>请选择一个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No protocol applied: {why}</source>
        <translation>未应用方案：{why}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>chosen by you</source>
        <translation>由您选择</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applied: &lt;b&gt;{title}&lt;/b&gt; — {why}</source>
        <translation>已应用：&lt;b&gt;{title}&lt;/b&gt;——{why}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>protocol not readable: {error}</source>
        <translation>方案无法读取：{error}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>needs structures and a dose</source>
        <translation>需要结构和剂量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>choose a protocol</source>
        <translation>请选择方案</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>several ROIs could be the {roi}: pick the one the goal means</source>
        <translation>多个结构都可能是 {roi}：请选择该临床目标所指的结构</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>* computed on ROIs partly outside the dose grid (share inside the grid: {shares})</source>
        <translation>* 基于部分位于剂量网格外的结构计算（网格内所占比例：{shares}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>several ROIs could be the {rois}: pick one in the Matched column (remembered for this structure set)</source>
        <translation>多个结构都可能是 {rois}：请在“匹配的结构”列中选择一个（此结构集会记住该选择）</translation>
    </message>
    <message>
        <location line="-89"/>
        <source>evaluating…</source>
        <translation>正在评估…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>failed: {error}</source>
        <translation>失败：{error}</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>only {percent} % of {roi} lies inside the dose grid: the value is for that part</source>
        <translation>{roi} 只有 {percent} % 位于剂量网格内：该值仅针对这一部分</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{passed} pass, {acceptable} acceptable, {failed} fail</source>
        <translation>通过 {passed}，可接受 {acceptable}，未通过 {failed}</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <location filename="../../plannerview/ui/i18n.py" line="+111"/>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>{language} from the next start of plannerview</source>
        <translation>下次启动 plannerview 时使用 {language}</translation>
    </message>
    <message>
        <location line="-36"/>
        <location line="+42"/>
        <source>Language</source>
        <extracomment>the Qt locale of each language (numbers, spin boxes); group separators are never written Qt&apos;s own catalogue for each language (standard dialog buttons, file dialogs)</extracomment>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../plannerview/ui/main_window.py" line="+87"/>
        <source>plannerview {version} — plan review (not a medical device)</source>
        <translation>plannerview {version} — 计划审核（非医疗器械）</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>DVH</source>
        <translation>剂量体积直方图</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>DVH panel loading…</source>
        <translation>正在加载剂量体积直方图面板…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clinical goals</source>
        <translation>临床目标</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Case</source>
        <translation>病例</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ROIs</source>
        <translation>结构</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Display</source>
        <translation>显示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Readout</source>
        <translation>读数</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+97"/>
        <source>Edit contours</source>
        <translation>编辑轮廓</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>Brachytherapy</source>
        <translation>近距离治疗</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+92"/>
        <source>Annotations</source>
        <translation>批注</translation>
    </message>
    <message>
        <location line="-85"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>plugins unavailable (see the log)</source>
        <translation>插件不可用（见日志）</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open files…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open recent</source>
        <translation>最近打开</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clear recent</source>
        <translation>清除最近记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remember recent cases</source>
        <translation>记住最近的病例</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save screenshot…</source>
        <translation>保存截图…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Window: {preset}</source>
        <translation>窗宽窗位：{preset}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reset views</source>
        <translation>重置视图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Distance ruler</source>
        <translation>距离测量尺</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Show all ROIs</source>
        <translation>显示所有结构</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide all ROIs</source>
        <translation>隐藏所有结构</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filled contours</source>
        <translation>填充轮廓</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Toggle dose wash</source>
        <translation>显示/隐藏剂量色彩图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Toggle isodose lines</source>
        <translation>显示/隐藏等剂量线</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Light / dark theme</source>
        <translation>浅色 / 深色主题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next slice</source>
        <translation>下一层面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous slice</source>
        <translation>上一层面</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compare plans…</source>
        <translation>比较计划…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Plugins</source>
        <translation>插件(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>not found: {paths}</source>
        <translation>未找到：{paths}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>loading {paths}…</source>
        <translation>正在加载 {paths}…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Unsaved contour edits</source>
        <translation>未保存的轮廓编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edits of {rois} are not saved. Discard them?</source>
        <translation>{rois} 的编辑尚未保存。是否放弃？</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>loaded {objects} objects from {files} files</source>
        <translation>已从 {files} 个文件加载 {objects} 个对象</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>; {findings} findings ({errors} errors) — see the Case panel</source>
        <translation>；{findings} 条发现（{errors} 条错误）— 见“病例”面板</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No images were found: dose and contours are shown on a blank patient-space canvas</source>
        <translation>未找到图像：剂量和轮廓显示在空白的患者坐标画布上</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>loading failed: {error}</source>
        <translation>加载失败：{error}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>loading cancelled</source>
        <translation>加载已取消</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open DICOM folder</source>
        <translation>打开 DICOM 文件夹</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open DICOM files or zip archives</source>
        <translation>打开 DICOM 文件或 zip 压缩包</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Save screenshot</source>
        <translation>保存截图</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>screenshot not saved: {error}</source>
        <translation>截图未保存：{error}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>no plan to report on</source>
        <translation>没有可生成报告的计划</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export review report</source>
        <translation>导出审核报告</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>writing the report {path}…</source>
        <translation>正在写入报告 {path}…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>report written: {path}</source>
        <translation>报告已写入：{path}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>report failed: {error}</source>
        <translation>报告生成失败：{error}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>comparing needs a case with at least two doses</source>
        <translation>比较需要病例中至少有两个剂量</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open-source radiotherapy plan review. A research and review aid, not a medical device.</source>
        <translation>开源放射治疗计划审核软件。仅为科研与审核辅助工具，不是医疗器械。</translation>
    </message>
    <message>
        <location filename="../../plannerview/cli/cmd_open.py" line="+69"/>
        <source>no demo case found: open a folder (Ctrl+O) or drop one here</source>
        <translation>未找到演示病例：请打开文件夹 (Ctrl+O) 或将其拖放到此处</translation>
    </message>
</context>
<context>
    <name>ParamDialog</name>
    <message>
        <location filename="../../plannerview/ui/param_form.py" line="+143"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
</context>
<context>
    <name>ParamForm</name>
    <message>
        <location line="-65"/>
        <source>{low} to {high}</source>
        <translation>{low} 至 {high}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>no parameters</source>
        <translation>无参数</translation>
    </message>
</context>
<context>
    <name>PlanChecks</name>
    <message>
        <location filename="../../plannerview/ui/check_titles.py" line="+17"/>
        <source>Prescription consistent across dose references, fraction group, label and dose</source>
        <translation>处方剂量在剂量参考、分次组、计划标签与剂量之间一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dose summation type matches what is compared</source>
        <translation>剂量叠加类型与比较对象相符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dose grid resolution suits the technique</source>
        <translation>剂量网格分辨率适合该技术</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dose grid covers the targets and the body where the beams enter</source>
        <translation>剂量网格覆盖靶区及射野入射处的体表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MU (meterset) per Gy per fraction plausible for the technique</source>
        <translation>每分次每 Gy 的 MU（跳数）符合该技术</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Beam energies consistent and within the machine&apos;s range</source>
        <translation>射野能量一致且在机器范围内</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No treatment beam with zero meterset</source>
        <translation>没有跳数为零的治疗射野</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Setup and imaging beams not counted as treatment</source>
        <translation>摆位与成像射野未计为治疗射野</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Isocentre inside the body and near the targets</source>
        <translation>等中心位于体内且靠近靶区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Couch / support structures present when beams pass through the couch</source>
        <translation>射野穿过治疗床时存在治疗床 / 支撑结构</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Structure names follow TG-263</source>
        <translation>结构名称符合 TG-263</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Targets have dose references</source>
        <translation>靶区具有剂量参考</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No empty ROIs used by goals or dose references</source>
        <translation>临床目标或剂量参考未使用空结构</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Structure set, plan and dose on one frame of reference</source>
        <translation>结构集、计划与剂量位于同一参考坐标系</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registrations present for secondary images</source>
        <translation>次要图像具有配准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan approval status</source>
        <translation>计划批准状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The dose&apos;s plan reference resolves</source>
        <translation>剂量引用的计划可以找到</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TPS DVH (when stored) agrees with ours</source>
        <translation>TPS 剂量体积直方图（若有存储）与本软件计算结果一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ion: range shifter and snout consistent</source>
        <translation>离子：射程移位器与喷嘴一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ion: spot count and energy layers plausible</source>
        <translation>离子：束斑数与能量层合理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ion: RBE-weighted (EFFECTIVE) dose compared with RBE goals</source>
        <translation>离子：RBE 加权 (EFFECTIVE) 剂量与 RBE 临床目标比较</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each beam&apos;s dose enters where the plan&apos;s geometry says</source>
        <translation>每个射野的剂量从计划几何所示的位置入射</translation>
    </message>
</context>
<context>
    <name>PluginStatusPanel</name>
    <message>
        <location filename="../../plannerview/ui/plugin_status.py" line="+25"/>
        <source>Plugin / contribution</source>
        <translation>插件 / 组件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Faults</source>
        <translation>故障</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Origin</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enable again</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>worker process</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>{plugin} settings</source>
        <translation>{plugin} 设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Plugin settings</source>
        <translation>插件设置</translation>
    </message>
</context>
<context>
    <name>PluginTexts</name>
    <message>
        <location filename="../../plannerview/ui/plugin_texts.py" line="+16"/>
        <source>Remote consult: de-identified sharing to an Orthanc hub, annotations as DICOM SR, two-way sync</source>
        <translation>远程会诊：去标识化后共享到 Orthanc 中心服务器，批注以 DICOM SR 保存，双向同步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the hub&apos;s base URL, e.g. https://hub.example.org:8443 (DICOMweb at URL/dicom-web)</source>
        <translation>中心服务器的基础 URL，例如 https://hub.example.org:8443（DICOMweb 位于 URL/dicom-web）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ca</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CA certificate file to trust for an https hub (empty: the system&apos;s)</source>
        <translation>https 中心服务器所信任的 CA 证书文件（留空：使用系统证书）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>consult</source>
        <translation>会诊</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>share a de-identified case to a consult hub, annotate it, sync the annotations</source>
        <translation>将去标识化病例共享到会诊中心服务器，添加批注并同步批注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consult sync</source>
        <translation>会诊同步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>annotations to and from the consult hub, in the background</source>
        <translation>在后台与会诊中心服务器双向传输批注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consult status</source>
        <translation>会诊状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the sync service&apos;s state: connected, items waiting, conflicts</source>
        <translation>同步服务的状态：连接情况、等待项目、冲突</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consult hub (DICOMweb)</source>
        <translation>会诊中心服务器 (DICOMweb)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>push: de-identify a case here and upload it (STOW-RS); pull: retrieve a shared study</source>
        <translation>推送：在本地将病例去标识化并上传 (STOW-RS)；拉取：获取共享的检查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Automatic CT contours: external, lungs (left/right, airways removed), bones, air cavities</source>
        <translation>CT 自动勾画：体轮廓、肺（左/右，去除气道）、骨、含气腔</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Body (external)</source>
        <translation>体轮廓</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>patient outline; couch and outside air excluded</source>
        <translation>患者外轮廓；不含治疗床和体外空气</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>body threshold hu</source>
        <translation>体轮廓阈值 (HU)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tissue above this is patient (air and foam below)</source>
        <translation>高于此值的组织属于患者（低于此值为空气和泡沫垫）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>couch cut mm</source>
        <translation>治疗床切除 (mm)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>structures thinner than twice this (couch, cables) are cut away</source>
        <translation>薄于此值两倍的结构（治疗床、线缆）将被切除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lungs (left, right)</source>
        <translation>肺（左、右）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>left and right lungs; trachea and main bronchi removed</source>
        <translation>左肺和右肺；去除气管和主支气管</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lung threshold hu</source>
        <translation>肺阈值 (HU)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lung tissue is below this</source>
        <translation>肺组织低于此值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>airway hu</source>
        <translation>气道阈值 (HU)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>trachea and bronchi are grown below this (made stricter on leaks)</source>
        <translation>气管和支气管在低于此值处生长（发生泄漏时收紧）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>min lung cc</source>
        <translation>最小肺体积 (cc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>smallest component counted as a lung</source>
        <translation>计为肺的最小连通区域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lung closing mm</source>
        <translation>肺闭运算半径 (mm)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in-plane closing radius that keeps vessels in the lungs</source>
        <translation>层面内闭运算半径，使血管保留在肺内</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bones</source>
        <translation>骨</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bone by threshold, marrow filled</source>
        <translation>按阈值提取骨，骨髓填充</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bone threshold hu</source>
        <translation>骨阈值 (HU)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bone is above this</source>
        <translation>骨高于此值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>min bone cc</source>
        <translation>最小骨体积 (cc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bone pieces smaller than this are dropped</source>
        <translation>小于此值的骨块将被舍弃</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Air cavities</source>
        <translation>含气腔</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>air inside the body outside the lungs</source>
        <translation>体内肺外的空气</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>air threshold hu</source>
        <translation>空气阈值 (HU)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>air is below this</source>
        <translation>空气低于此值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>min air cc</source>
        <translation>最小含气体积 (cc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>air pockets smaller than this are dropped</source>
        <translation>小于此值的气腔将被舍弃</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Body, lungs, bones, air cavities</source>
        <translation>体轮廓、肺、骨、含气腔</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>all automatic structures in one pass</source>
        <translation>一次生成所有自动结构</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Independent dose calculation (MCsquare, pyRadPlan) for the secondary dose check</source>
        <translation>用于二次剂量核对的独立剂量计算（MCsquare、pyRadPlan）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bdl file</source>
        <translation>BDL 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>your MCsquare beam data library (BDL, with its MU-to-protons calibration); empty: the generic one</source>
        <translation>您的 MCsquare 射野数据库（BDL，含 MU 到质子数的校准）；留空：使用通用数据库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hu density file</source>
        <translation>HU-密度表文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>your clinic&apos;s HU-to-density table (MCsquare format); set with hu_material_file; empty: the generic UCL Toshiba table</source>
        <translation>本单位的 HU-密度转换表（MCsquare 格式）；与 hu_material_file 一同设置；留空：使用通用的 UCL Toshiba 表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hu material file</source>
        <translation>HU-材料表文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>your clinic&apos;s HU-to-material table (MCsquare format)</source>
        <translation>本单位的 HU-材料转换表（MCsquare 格式）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>engines dir</source>
        <translation>引擎目录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>where the engines were provisioned (empty: &lt;python prefix&gt;/share/plannerview-dose)</source>
        <translation>引擎的安装位置（留空：&lt;python prefix&gt;/share/plannerview-dose）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MCsquare proton Monte Carlo</source>
        <translation>MCsquare 质子蒙特卡罗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proton PBS plans with MCsquare (UCLouvain): Monte Carlo in its own process; beam model (BDL) and CT calibration from the plugin settings, generic ones shipped; statistical uncertainty in the target reported</source>
        <translation>用 MCsquare（UCLouvain）计算质子笔形束扫描 (PBS) 计划：蒙特卡罗在独立进程中运行；射野模型 (BDL) 与 CT 校准取自插件设置，并附带通用版本；报告靶区内的统计不确定度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>target uncertainty pct</source>
        <translation>靶区不确定度 (%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>simulate until the statistical uncertainty in the target (mean relative standard error over its voxels; without a target, over the voxels above half the maximum) is below this; 0: exactly &apos;primaries&apos;</source>
        <translation>持续模拟，直到靶区内的统计不确定度（其体素相对标准误差的平均值；无靶区时，取高于最大值一半的体素）低于此值；0：严格按“初级粒子数”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>primaries</source>
        <translation>初级粒子数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>primaries of the four pilot batches together (more batches follow until the target uncertainty is met)</source>
        <translation>四个预试批次的初级粒子总数（之后继续追加批次，直到达到靶区不确定度）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max minutes</source>
        <translation>最长时间 (min)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>time limit of the simulation (0: none)</source>
        <translation>模拟的时间上限（0：不限）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>threads</source>
        <translation>线程数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>threads (0: all cores)</source>
        <translation>线程数（0：全部核心）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>random seed (0: from the clock)</source>
        <translation>随机种子（0：取自时钟）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>patient position</source>
        <translation>患者体位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>patient position used to place the beams: the plan&apos;s patient setup, or one given here when the plan&apos;s setup is known to be wrong (see the beam-direction plan check)</source>
        <translation>用于放置射野的患者体位：计划中的患者体位，或在已知计划的摆位有误时在此指定（见射野方向计划检查）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>beam model</source>
        <translation>射野模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MCsquare BDL file (with its MU-to-protons calibration); empty: the plugin setting &apos;bdl_file&apos;, else the generic BDL (generic-DN; generic-UN is the other shipped one)</source>
        <translation>MCsquare BDL 文件（含 MU 到质子数的校准）；留空：使用插件设置 &apos;bdl_file&apos;，否则使用通用 BDL（generic-DN；另一个附带的是 generic-UN）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ct calibration</source>
        <translation>CT 校准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>auto: the plugin settings&apos; HU tables if configured, the water-linear table for synthetic CTs, else generic (MCsquare&apos;s UCL Toshiba scanner); or generic, water-linear, pyradplan-hlut, or a folder with HU_Density_Conversion.txt and HU_Material_Conversion.txt</source>
        <translation>auto：若已配置则用插件设置中的 HU 表，合成 CT 用 water-linear 表，否则用 generic（MCsquare 的 UCL Toshiba 扫描仪）；也可填 generic、water-linear、pyradplan-hlut，或包含 HU_Density_Conversion.txt 与 HU_Material_Conversion.txt 的文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dose to water</source>
        <translation>水中剂量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>report dose to water (MCsquare post-processing), as planning systems do</source>
        <translation>报告水中剂量（MCsquare 后处理），与计划系统一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rbe</source>
        <translation>RBE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>constant RBE for the EFFECTIVE dose returned beside the physical dose (0: physical only)</source>
        <translation>与物理剂量一同返回的 EFFECTIVE 剂量所用的恒定 RBE（0：仅物理剂量）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>per beam</source>
        <translation>逐射野</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>also return each beam&apos;s dose (summation type BEAM)</source>
        <translation>同时返回每个射野的剂量（叠加类型 BEAM）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>crop to body</source>
        <translation>裁剪到体轮廓</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>simulate only the box around the EXTERNAL structure (+1 cm)</source>
        <translation>仅在 EXTERNAL 结构的包围盒（+1 cm）内模拟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>keep files</source>
        <translation>保留文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>keep MCsquare&apos;s scratch folder (inputs and outputs) for inspection</source>
        <translation>保留 MCsquare 的临时文件夹（输入与输出）以供查看</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pyRadPlan pencil beam (photon, proton, carbon)</source>
        <translation>pyRadPlan 笔形束（光子、质子、碳离子射野）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pyRadPlan 0.5.0 forward dose in its own environment: photons with a generic 6 MV beam model (shape and gross-error check), protons, carbon ions with LEM RBE (research use)</source>
        <translation>pyRadPlan 0.5.0 在独立环境中正向计算剂量：光子采用通用 6 MV 射野模型（核对形状与粗大误差），质子，碳离子采用 LEM RBE（仅供研究）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dose grid mm</source>
        <translation>剂量网格 (mm)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pyRadPlan&apos;s dose grid (the dose is interpolated to the CT grid)</source>
        <translation>pyRadPlan 的剂量网格（剂量插值到 CT 网格）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bixel mm</source>
        <translation>子野尺寸 (mm)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>photons: bixel width of the fluence map made from the apertures</source>
        <translation>光子：由孔径生成的通量图的子野宽度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mu per weight</source>
        <translation>每单位权重 MU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>photons: MU per unit of pyRadPlan bixel weight (the demo&apos;s convention)</source>
        <translation>光子：每单位 pyRadPlan 子野权重对应的 MU（演示病例的约定）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>particles per mu</source>
        <translation>每 MU 粒子数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ions: particles per MU of the plan (the demo&apos;s convention is 10^6, pyRadPlan&apos;s weight unit)</source>
        <translation>离子：计划每 MU 对应的粒子数（演示病例的约定为 10^6，即 pyRadPlan 的权重单位）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>protons: constant RBE of the EFFECTIVE dose returned beside the physical one (0: physical only)</source>
        <translation>质子：与物理剂量一同返回的 EFFECTIVE 剂量所用的恒定 RBE（0：仅物理剂量）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>patient position used to place the beams (PLAN: the plan&apos;s setup)</source>
        <translation>用于放置射野的患者体位（PLAN：计划中的体位）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>machine</source>
        <translation>机器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pyRadPlan machine name</source>
        <translation>pyRadPlan 机器名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>calculate only in the box around the EXTERNAL structure (+1 cm); off keeps pyRadPlan&apos;s dose grid where it would be on the whole CT</source>
        <translation>仅在 EXTERNAL 结构的包围盒（+1 cm）内计算；关闭时，pyRadPlan 的剂量网格保持在整个 CT 上时的位置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>time limit</source>
        <translation>时间上限</translation>
    </message>
</context>
<context>
    <name>PluginsUi</name>
    <message>
        <location filename="../../plannerview/ui/plugins_ui.py" line="+56"/>
        <source>Contour engines</source>
        <translation>轮廓勾画引擎</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dose engines</source>
        <translation>剂量计算引擎</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Plugins</source>
        <translation>插件</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cancel plugin</source>
        <translation>取消插件</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Services</source>
        <translation>服务</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Panels</source>
        <translation>面板</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Plugin status</source>
        <translation>插件状态</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>a plugin is already running; cancel it first</source>
        <translation>已有插件正在运行；请先取消</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>open a case first</source>
        <translation>请先打开病例</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no image selected</source>
        <translation>未选择图像</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>select a plan first</source>
        <translation>请先选择计划</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no image on the frame of reference of plan {plan}</source>
        <translation>计划 {plan} 的参考坐标系中没有图像</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>running {plugin}…</source>
        <translation>正在运行 {plugin}…</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>{plugin} finished in {seconds} s: {made}</source>
        <translation>{plugin} 已完成，用时 {seconds} s：{made}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>plugin run failed: {error}</source>
        <translation>插件运行失败：{error}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>plugin run cancelled</source>
        <translation>插件运行已取消</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>structure set {label} ({count} ROIs)</source>
        <translation>结构集 {label}（{count} 个结构）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{type} dose, max {max} {unit}</source>
        <translation>{type} 剂量，最大 {max} {unit}</translation>
    </message>
</context>
<context>
    <name>ProtocolChoice</name>
    <message>
        <location filename="../../plannerview/review/protocol_choice.py" line="+60"/>
        <source>an external-beam protocol for a brachytherapy plan</source>
        <translation>外照射射野方案，而计划是近距离治疗计划</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a brachytherapy protocol for an external-beam plan</source>
        <translation>近距离治疗方案，而计划是外照射射野计划</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a photon protocol for an ion plan</source>
        <translation>光子方案，而计划是离子计划</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a {radiation} protocol for a {kind} plan</source>
        <translation>{radiation}方案，而计划是{kind}计划</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>limits in Gy(RBE) for a dose that is not RBE-weighted</source>
        <translation>限值以 Gy(RBE) 为单位，而剂量未经 RBE 加权</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>photon</source>
        <extracomment>the plan&apos;s radiation as a word of a reason (a plan&apos;s kind: photon | electron | proton | ion | brachy)</extracomment>
        <translation>光子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>electron</source>
        <translation>电子线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>proton</source>
        <translation>质子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ion</source>
        <translation>离子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>brachy</source>
        <translation>近距离治疗</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{count} fractions</source>
        <translation>{count} 分次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} fraction</source>
        <translation>{count} 分次</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{dose:g} Gy per fraction</source>
        <translation>每分次 {dose:g} Gy</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{dose:g} Gy per fraction (protocol {protocol:g})</source>
        <translation>每分次 {dose:g} Gy（方案为 {protocol:g}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{dose:g} Gy in total</source>
        <translation>总计 {dose:g} Gy</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{found} of its {wanted} ROIs found</source>
        <translation>找到其 {wanted} 个结构中的 {found} 个</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>limits in Gy(RBE) for an RBE-weighted dose</source>
        <translation>限值以 Gy(RBE) 为单位，剂量为 RBE 加权</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>your last choice for {plan}</source>
        <translation>您上次为{plan}所做的选择</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>nothing in common</source>
        <translation>无共同点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no protocol fits {plan} (closest: {protocol}: {common}): choose one</source>
        <translation>没有适合{plan}的方案（最接近：{protocol}：{common}）：请选择一个</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no protocol fits {plan}: choose one</source>
        <translation>没有适合{plan}的方案：请选择一个</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>several protocols fit {plan} equally ({names}): choose one</source>
        <translation>多个方案同样适合{plan}（{names}）：请选择一个</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>fits {plan}: {reasons}</source>
        <translation>适合{plan}：{reasons}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a dose without a plan</source>
        <translation>没有计划的剂量</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>this {kind} plan ({dose:g} Gy in {fractions} fx)</source>
        <translation>此{kind}计划（{dose:g} Gy，{fractions} fx）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>this {kind} plan ({fractions} fx)</source>
        <translation>此{kind}计划（{fractions} fx）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>this {kind} plan (no fractionation)</source>
        <translation>此{kind}计划（无分次信息）</translation>
    </message>
</context>
<context>
    <name>Readout</name>
    <message>
        <location filename="../../plannerview/ui/readout.py" line="+34"/>
        <source>outside image</source>
        <translation>图像外</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no image series</source>
        <translation>无图像序列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dose</source>
        <translation>剂量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>outside dose grid</source>
        <translation>剂量网格外</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{percent} % of Rx</source>
        <translation>处方剂量的 {percent} %</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ROIs</source>
        <translation>结构</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <location filename="../../plannerview/ui/review_panel.py" line="+77"/>
        <location line="+44"/>
        <source>No plan selected</source>
        <translation>未选择计划</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Goals: —</source>
        <translation>临床目标：—</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Comment on the plan (required unless approving)</source>
        <translation>对计划的意见（除批准外必填）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reviewer</source>
        <translation>审核人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>In review: &apos;{plan}&apos;</source>
        <translation>审核中：“{plan}”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Review not started: {error}</source>
        <translation>审核未开始：{error}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>checks failed: {error}</source>
        <translation>检查失败：{error}</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Goals: not evaluated (choose a protocol in the Clinical goals panel)</source>
        <translation>临床目标：未评估（请在“临床目标”面板中选择方案）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Goals ({protocol}): {passed} {pass_word}, {acceptable} {acceptable_word}, {failed} {fail_word}, {not_evaluated} {not_evaluated_word}</source>
        <translation>临床目标（{protocol}）：{pass_word} {passed}，{acceptable_word} {acceptable}，{fail_word} {failed}，{not_evaluated_word} {not_evaluated}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No plan under review</source>
        <translation>没有正在审核的计划</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not signed off:</source>
        <translation>未签署：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{decision} by {reviewer} ({role}); audit {hash}…</source>
        <translation>{decision}：{reviewer}（{role}）；审计 {hash}…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{decision} by {reviewer}</source>
        <translation>{decision}：{reviewer}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>IN REVIEW</source>
        <translation>审核中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>NOT STARTED</source>
        <translation>未开始</translation>
    </message>
</context>
<context>
    <name>RoiPanel</name>
    <message>
        <location filename="../../plannerview/ui/roi_panel.py" line="+26"/>
        <source>ROI</source>
        <translation>结构</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Volume (cc)</source>
        <translation>体积 (cc)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Show all</source>
        <translation>全部显示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide all</source>
        <translation>全部隐藏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filled</source>
        <translation>填充</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>no closed contours (point, open or empty ROI)</source>
        <translation>无闭合轮廓（点、开放或空结构）</translation>
    </message>
</context>
<context>
    <name>SaveStructureSetDialog</name>
    <message>
        <location filename="../../plannerview/ui/edit_panel.py" line="+25"/>
        <source>each hole is its own contour inside the outer one (Eclipse, plannerview, dicompyler-core)</source>
        <translation>每个孔洞是外轮廓内的独立轮廓（Eclipse、plannerview、dicompyler-core）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>each hole is spliced into its outer contour through a zero-width cut, so readers that OR a plane&apos;s contours (plastimatch&apos;s default) keep it too</source>
        <translation>每个孔洞通过零宽度切口并入其外轮廓，因此对同一平面轮廓取并集 (OR) 的读取程序（plastimatch 的默认方式）也会保留孔洞</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+29"/>
        <source>Save as new structure set</source>
        <translation>另存为新结构集</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>How holes are written: {modes}</source>
        <translation>孔洞的写入方式：{modes}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holes</source>
        <translation>孔洞</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A new file: the source structure set is never changed.</source>
        <translation>将写入新文件：原结构集不会被修改。</translation>
    </message>
</context>
<context>
    <name>SliceView</name>
    <message>
        <location filename="../../plannerview/ui/slice_view.py" line="+611"/>
        <source>No case loaded</source>
        <translation>未加载病例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing to show: no image series, no dose and no contours were found</source>
        <translation>无可显示内容：未找到图像序列、剂量和轮廓</translation>
    </message>
    <message>
        <location line="+144"/>
        <source>W {window}  L {level}</source>
        <translation>窗宽 {window}  窗位 {level}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no image series: blank canvas</source>
        <translation>无图像序列：空白画布</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>1 (pass ≤ 1)</source>
        <translation>1（≤ 1 为通过）</translation>
    </message>
</context>
<context>
    <name>Terms</name>
    <message>
        <location filename="../../plannerview/ui/terms.py" line="+18"/>
        <source>soft tissue</source>
        <translation>软组织</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lung</source>
        <translation>肺</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bone</source>
        <translation>骨</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>brain</source>
        <translation>脑</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>axial</source>
        <translation>横断面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sagittal</source>
        <translation>矢状面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>coronal</source>
        <translation>冠状面</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>pass</source>
        <extracomment>clinical-goal verdicts (compute.goals)</extracomment>
        <translation>通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>acceptable</source>
        <translation>可接受</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fail</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not evaluated</source>
        <translation>未评估</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+7"/>
        <source>PASS</source>
        <extracomment>plan-check statuses (review.checks.Status values)
----------
verdicts of the independent dose check (review.dose_check)</extracomment>
        <translation>通过</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>WARN</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+7"/>
        <source>FAIL</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>NOT APPLICABLE</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>REVIEW</source>
        <translation>需审核</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>head first, supine</source>
        <extracomment>DICOM patient positions (the code is shown as it is, its meaning beside it)</extracomment>
        <translation>头先进，仰卧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>feet first, supine</source>
        <translation>脚先进，仰卧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>head first, prone</source>
        <translation>头先进，俯卧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>feet first, prone</source>
        <translation>脚先进，俯卧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>head first, decubitus left</source>
        <translation>头先进，左侧卧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>head first, decubitus right</source>
        <translation>头先进，右侧卧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>feet first, decubitus left</source>
        <translation>脚先进，左侧卧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>feet first, decubitus right</source>
        <translation>脚先进，右侧卧</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Approve</source>
        <extracomment>sign-off decisions (review.signoff.DECISIONS)</extracomment>
        <translation>批准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve with comments</source>
        <translation>附意见批准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request changes</source>
        <translation>要求修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>physician</source>
        <extracomment>reviewer roles (review.signoff.ROLES)</extracomment>
        <translation>放疗医师</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>physicist</source>
        <translation>物理师</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dosimetrist</source>
        <translation>剂量师</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>radiation therapist</source>
        <translation>放疗技师</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nurse</source>
        <translation>护士</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>technologist</source>
        <translation>技术员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>all</source>
        <extracomment>annotations (model.annotation): statuses, kinds and what a comment is about</extracomment>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open</source>
        <translation>未解决</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>point</source>
        <translation>点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>arrow</source>
        <translation>箭头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ruler</source>
        <translation>测量尺</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>polygon</source>
        <translation>多边形</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>freehand</source>
        <translation>手绘</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>roi</source>
        <translation>结构</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>beam</source>
        <translation>射野</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>goal</source>
        <translation>临床目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>case</source>
        <translation>病例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>photon</source>
        <extracomment>plan kinds (model.plan.Plan.kind)</extracomment>
        <translation>光子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>electron</source>
        <translation>电子线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>proton</source>
        <translation>质子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ion</source>
        <translation>离子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>brachytherapy</source>
        <translation>近距离治疗</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>oblique</source>
        <extracomment>3D camera directions (ui.view3d.CAMERA_PRESETS)</extracomment>
        <translation>斜向</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>anterior</source>
        <translation>前方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>posterior</source>
        <translation>后方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>left</source>
        <translation>左侧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>right</source>
        <translation>右侧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>superior</source>
        <translation>上方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>inferior</source>
        <translation>下方</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>active</source>
        <extracomment>plugin and contribution states (plannerview.plugins)</extracomment>
        <translation>已启用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>contour engine</source>
        <extracomment>kinds of plugin contribution (plugin_api.contracts.KINDS) and where a plugin comes from</extracomment>
        <translation>轮廓勾画引擎</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dose engine</source>
        <translation>剂量计算引擎</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sync provider</source>
        <translation>同步服务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>panel</source>
        <translation>面板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reader</source>
        <translation>读取器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exporter</source>
        <translation>导出器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>command</source>
        <translation>命令</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>entry point</source>
        <translation>入口点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>user folder</source>
        <translation>用户文件夹</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>per fraction</source>
        <extracomment>what a dose&apos;s summation type means (model.dose.DoseGrid.summation_label, in the GUI&apos;s language)</extracomment>
        <translation>每分次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one beam</source>
        <translation>单个射野</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>several plans</source>
        <translation>多个计划</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>FRACTION x {count} fx (scaled to the course)</source>
        <translation>FRACTION x {count} fx（单次剂量已换算为整个疗程）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown summation</source>
        <translation>未知叠加类型</translation>
    </message>
</context>
<context>
    <name>View3D</name>
    <message>
        <location filename="../../plannerview/ui/view3d.py" line="+116"/>
        <source>Beams</source>
        <translation>射野</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Setup beams</source>
        <translation>摆位射野</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Isodose 100 %</source>
        <translation>100 % 等剂量面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Slice planes</source>
        <translation>层面位置</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Beams, setup beams, the 100 % isodose, the slice planes</source>
        <translation>射野、摆位射野、100 % 等剂量面、层面位置</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>View from {direction}</source>
        <translation>从{direction}观察</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>building surfaces…</source>
        <translation>正在构建表面…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>surfaces failed</source>
        <translation>表面构建失败</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>{count} surfaces</source>
        <translation>{count} 个表面</translation>
    </message>
</context>
</TS>
