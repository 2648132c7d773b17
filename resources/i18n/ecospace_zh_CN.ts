<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ecospace</name>
    <message>
        <location filename="../../deps.py"/>
        <source>The algorithms need shapely 2 (found: {found}) and are disabled. Install it into the Python that QGIS uses, then restart QGIS: {command}. Windows: run the command in the OSGeo4W Shell. Linux: use the distribution's python3-shapely if it is version 2 or later; otherwise pip install --no-binary shapely 'shapely&gt;=2' (needs the GEOS development package, e.g. libgeos-dev) so that shapely uses the same GEOS library as QGIS. On Debian/Ubuntu add --user --break-system-packages, or install it in a venv made with --system-site-packages and put that venv's site-packages on PYTHONPATH. macOS: use the pip of the Python inside QGIS.app.</source>
        <translation>算法需要 shapely 2（当前：{found}），现已停用。请在 QGIS 所用的 Python 中安装后重启 QGIS：{command}。Windows：在 OSGeo4W Shell 中运行该命令。Linux：若发行版的 python3-shapely 为 2 或更高版本，请直接安装它；否则运行 pip install --no-binary shapely 'shapely&gt;=2'（需要 GEOS 开发包，如 libgeos-dev），使 shapely 与 QGIS 使用同一个 GEOS 库。Debian/Ubuntu 上请加 --user --break-system-packages，或在用 --system-site-packages 创建的 venv 中安装，并把该 venv 的 site-packages 加入 PYTHONPATH。macOS：使用 QGIS.app 内置 Python 的 pip。</translation>
    </message>
    <message>
        <location filename="../../deps.py"/>
        <source>not installed</source>
        <translation>未安装</translation>
    </message>
    <message>
        <location filename="../../deps.py"/>
        <location filename="../../plugin.py"/>
        <source>Ecological Space Control Toolkit</source>
        <translation>生态空间管控工具箱</translation>
    </message>
    <message>
        <location filename="../../deps.py"/>
        <source>shapely {version} was built with its own GEOS {shapely_geos}, but QGIS uses GEOS {qgis_geos}; on Linux the two cannot work in one QGIS process, so the algorithms are disabled. Reinstall shapely against the system GEOS, then restart QGIS: {command} (needs the GEOS development package, e.g. libgeos-dev), or use the distribution's python3-shapely if it is version 2 or later.</source>
        <translation>shapely {version} 自带 GEOS {shapely_geos}，而 QGIS 使用 GEOS {qgis_geos}；在 Linux 上两者无法在同一个 QGIS 进程中共存，因此算法已停用。请针对系统 GEOS 重新安装 shapely 后重启 QGIS：{command}（需要 GEOS 开发包，如 libgeos-dev），或使用发行版中版本为 2 或更高的 python3-shapely。</translation>
    </message>
    <message>
        <location filename="../../plugin.py"/>
        <source>A Processing provider with the id '{id}' is already registered; this copy of the plugin does not add its own.</source>
        <translation>已存在 ID 为 '{id}' 的处理（Processing）提供者，本插件副本不再重复注册。</translation>
    </message>
    <message>
        <location filename="../../plugin.py"/>
        <source>Red-line delivery check…</source>
        <translation>生态保护红线成果质检…</translation>
    </message>
    <message>
        <location filename="../../plugin.py"/>
        <source>Show the algorithms in the Processing toolbox</source>
        <translation>在处理工具箱中显示本插件的算法</translation>
    </message>
    <message>
        <location filename="../../plugin.py"/>
        <source>About…</source>
        <translation>关于…</translation>
    </message>
    <message>
        <location filename="../../plugin.py"/>
        <source>Ecological Space</source>
        <translation>生态空间管控</translation>
    </message>
    <message>
        <location filename="../../plugin.py"/>
        <source>The algorithm {id} is not available.</source>
        <translation>算法 {id} 不可用。</translation>
    </message>
    <message>
        <location filename="../../plugin.py"/>
        <source>The Processing plugin is not active. Enable it in Plugins ▸ Manage and Install Plugins.</source>
        <translation>处理（Processing）插件未启用，请在“插件 ▸ 管理并安装插件”中启用。</translation>
    </message>
    <message>
        <location filename="../../plugin.py"/>
        <source>&lt;h3&gt;Ecological Space Control Toolkit / 生态空间管控工具箱&lt;/h3&gt;&lt;p&gt;Version {version}&lt;/p&gt;&lt;p&gt;Checks and tools for ecological protection red lines, environmental control units and protected areas, as Processing algorithms (provider &lt;code&gt;ecospace&lt;/code&gt;): use them from the toolbox, the model builder, Python or qgis_process.&lt;/p&gt;&lt;p&gt;Homepage: &lt;a href="{homepage}"&gt;{homepage}&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;生态空间管控工具箱 / Ecological Space Control Toolkit&lt;/h3&gt;&lt;p&gt;版本 {version}&lt;/p&gt;&lt;p&gt;面向生态保护红线、生态环境分区管控单元和自然保护地的检查与分析工具，以处理（Processing）算法提供（提供者 &lt;code&gt;ecospace&lt;/code&gt;）：可在处理工具箱、图形建模器、Python 或 qgis_process 中使用。&lt;/p&gt;&lt;p&gt;主页：&lt;a href="{homepage}"&gt;{homepage}&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../plugin.py"/>
        <source>About the Ecological Space Control Toolkit</source>
        <translation>关于生态空间管控工具箱</translation>
    </message>
    <message>
        <location filename="../../processing/base.py"/>
        <source>Red line (生态保护红线)</source>
        <translation>生态保护红线</translation>
    </message>
    <message>
        <location filename="../../processing/base.py"/>
        <source>Control units (管控单元)</source>
        <translation>管控单元</translation>
    </message>
    <message>
        <location filename="../../processing/base.py"/>
        <location filename="../../processing/redline_check.py"/>
        <source>Protected areas (自然保护地)</source>
        <translation>自然保护地</translation>
    </message>
    <message>
        <location filename="../../processing/base.py"/>
        <source>Number of errors</source>
        <translation>错误数</translation>
    </message>
    <message>
        <location filename="../../processing/base.py"/>
        <source>Number of warnings</source>
        <translation>警告数</translation>
    </message>
    <message>
        <location filename="../../processing/base.py"/>
        <source>Number of notes</source>
        <translation>提示数</translation>
    </message>
    <message>
        <location filename="../../processing/base.py"/>
        <source>{e} errors, {w} warnings, {i} notes.</source>
        <translation>共 {e} 个错误、{w} 个警告、{i} 条提示。</translation>
    </message>
    <message>
        <location filename="../../processing/base.py"/>
        <location filename="../../processing/outputs.py"/>
        <source>The run was cancelled. No output was written.</source>
        <translation>运行已取消，未写出任何结果。</translation>
    </message>
    <message>
        <location filename="../../processing/base.py"/>
        <source>Rules (finding id — severity — source)</source>
        <translation>规则（问题编号 — 严重程度 — 依据）</translation>
    </message>
    <message>
        <location filename="../../processing/bulk_read.py"/>
        <location filename="../../processing/io.py"/>
        <source>Reading {layer}: {n} of {total}</source>
        <translation>正在读取 {layer}：{n} / {total}</translation>
    </message>
    <message>
        <location filename="../../processing/io.py"/>
        <source>Layer '{layer}' must hold polygons, but it holds {type} geometries. Choose a polygon layer.</source>
        <translation>图层“{layer}”应为面图层，但其几何类型为 {type}。请选择面图层。</translation>
    </message>
    <message>
        <location filename="../../processing/io.py"/>
        <source>Layer '{layer}' has no coordinate reference system. Set it in Layer Properties › Source (Chinese data is usually CGCS2000: EPSG:4490, or a Gauss-Kruger zone such as EPSG:4524) and run again.</source>
        <translation>图层“{layer}”没有坐标参考系。请在“图层属性 › 源”中设置（国内数据通常采用 CGCS2000：EPSG:4490，或高斯-克吕格投影带，如 EPSG:4524），然后重新运行。</translation>
    </message>
    <message>
        <location filename="../../processing/io.py"/>
        <source>Layer '{layer}' has no field named {fields}. Pick the right field in the algorithm's field parameters.</source>
        <translation>图层“{layer}”中没有名为 {fields} 的字段。请在算法的字段参数中选择正确的字段。</translation>
    </message>
    <message>
        <location filename="../../processing/io.py"/>
        <source>Layer '{layer}' is reprojected from {src} to {dst}.</source>
        <translation>图层“{layer}”已从 {src} 重投影到 {dst}。</translation>
    </message>
    <message>
        <location filename="../../processing/io.py"/>
        <source>{n} curved or Z/M geometries of '{layer}' were converted to plain 2D polygons for the checks.</source>
        <translation>为进行检查，已将“{layer}”中 {n} 个曲线几何或带 Z/M 值的几何转换为普通二维面。</translation>
    </message>
    <message>
        <location filename="../../processing/io.py"/>
        <source>custom CRS</source>
        <translation>自定义坐标参考系</translation>
    </message>
    <message>
        <location filename="../../processing/messages.py"/>
        <source>{m2} m² ({ha} ha, {mu} mu)</source>
        <translation>{m2} m²（{ha} 公顷，{mu} 亩）</translation>
    </message>
    <message>
        <location filename="../../processing/messages.py"/>
        <source>Fill 'category' with the 142号 permitted-activity category (1 patrol/research, 2 existing farming, 3 archaeology, 4 plantation forestry, 5 tourism/education, 6 linear infrastructure, 7 exploration, 8 restoration, 9 border works, 10 other by law). New construction land needs an unavoidability (不可避让) argument.</source>
        <translation>请在“category”字段中填写142号文允许的有限人为活动类别（1 巡护、执法、科研与监测，2 原住居民现有种植、放牧、捕捞（不扩大规模），3 考古与标本采集，4 人工商品林经营，5 适度旅游与自然教育，6 线性基础设施，7 矿产资源勘查，8 生态修复，9 边境设施，10 法律法规允许的其他活动）。新增建设用地须提供不可避让论证。</translation>
    </message>
    <message>
        <location filename="../../processing/outputs.py"/>
        <source>Default ecospace style</source>
        <translation>ecospace 默认样式</translation>
    </message>
    <message>
        <location filename="../../processing/outputs.py"/>
        <source>Could not embed the style in {dest}: {error}</source>
        <translation>无法将样式嵌入 {dest}：{error}</translation>
    </message>
    <message>
        <location filename="../../processing/outputs.py"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../processing/outputs.py"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../processing/outputs.py"/>
        <source>Information</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../processing/provider.py"/>
        <source>Ecological space control</source>
        <translation>生态空间管控</translation>
    </message>
    <message>
        <location filename="../../processing/provider.py"/>
        <source>Ecological Space Control Toolkit (生态空间管控工具箱)</source>
        <translation>生态空间管控工具箱</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Red-line delivery check</source>
        <translation>生态保护红线成果质检</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Checks a delivered ecological protection red line (生态保护红线) before approval: geometry validity, duplicates and overlaps between patches; fragments, small holes and slivers; overlaps with permanent basic farmland and the urban development boundary (the three control lines must not overlap); protected areas outside the red line; conflicts with construction land, mining rights or settlements; county codes and patches crossing county lines; required attributes and the stored area; and a per-county ledger.&lt;br&gt;&lt;br&gt;Every finding is a feature of the findings layer, located on the overlap, gap or fragment itself, with its ellipsoidal area on the CGCS2000 ellipsoid. Invalid geometries are reported and the other checks run on repaired copies. All layers are reprojected to the red line's CRS. Inputs are never modified.&lt;br&gt;&lt;br&gt;Thresholds: MIN_PART_AREA and MIN_HOLE_AREA default to 200 m² (a practical value, not a national standard); OVERLAP_TOLERANCE 0.01 m² ignores numerical noise; the sliver index 4πA/P² &lt; 0.05 is our own choice. Adjust them to your province's rules.</source>
        <translation>在报批前对提交的生态保护红线成果进行质检：几何有效性、要素重复及图斑相互重叠；碎片、小孔洞和狭长图斑；与永久基本农田、城镇开发边界的重叠（三条控制线不得交叉重叠）；位于生态保护红线外的自然保护地；与建设用地、矿业权或居民点的冲突；县（区）代码及跨县（区）界图斑；必填属性与属性面积；并生成分县（区）台账。&lt;br&gt;&lt;br&gt;每个问题都作为问题图层中的一个要素输出，落在重叠、缝隙或碎片本身的位置上，并附带基于 CGCS2000 椭球计算的椭球面积。无效几何会被报告，其余检查使用修复后的副本进行。所有图层均重投影到生态保护红线图层的坐标参考系。不会修改任何输入数据。&lt;br&gt;&lt;br&gt;阈值：MIN_PART_AREA 和 MIN_HOLE_AREA 默认为 200 m²（经验值，并非国家标准）；OVERLAP_TOLERANCE 为 0.01 m²，用于忽略数值计算误差；狭长图斑指数 4πA/P² &lt; 0.05 为本插件自行设定的取值。请根据本省的规定调整。</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Ecological protection red line (生态保护红线)</source>
        <translation>生态保护红线</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Permanent basic farmland (永久基本农田)</source>
        <translation>永久基本农田</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Urban development boundary (城镇开发边界)</source>
        <translation>城镇开发边界</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Conflict layers: construction land, mining rights, settlements…</source>
        <translation>冲突图层：建设用地、矿业权、居民点等</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Counties (for codes and statistics)</source>
        <translation>县（区）行政区划（用于代码核对和统计）</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>County code field (6-digit GB/T 2260)</source>
        <translation>县（区）代码字段（GB/T 2260 六位代码）</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>County name field</source>
        <translation>县（区）名称字段</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Minimum area of a polygon part (m²)</source>
        <translation>多边形组成部分的最小面积（平方米）</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Minimum hole area (m²)</source>
        <translation>最小孔洞面积（m²）</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Overlap tolerance (m²)</source>
        <translation>重叠容差（m²）</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Sliver index 4πA/P² below which a part is a sliver (0 = off)</source>
        <translation>狭长图斑指数 4πA/P² 阈值，低于此值视为狭长图斑（0 = 不检查）</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Area beyond a county line that counts as crossing (m²)</source>
        <translation>超出县（区）界即视为跨界的面积（m²）</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Red line: code field (标识码)</source>
        <translation>生态保护红线：标识码字段</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Red line: county code field</source>
        <translation>生态保护红线：县（区）代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Red line: area field</source>
        <translation>生态保护红线：面积字段</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Unit of the area field</source>
        <translation>面积字段的单位</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>m²</source>
        <translation>平方米（m²）</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>hectares (公顷)</source>
        <translation>公顷</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>mu (亩)</source>
        <translation>亩</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>km²</source>
        <translation>平方千米（km²）</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Red-line findings</source>
        <translation>生态保护红线质检问题</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Red-line statistics per county</source>
        <translation>生态保护红线分县（区）统计</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>HTML report</source>
        <translation>HTML 报告</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>HTML files (*.html)</source>
        <translation>HTML 文件 (*.html)</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Working CRS: {crs}. Areas are ellipsoidal on CGCS2000.</source>
        <translation>工作坐标参考系：{crs}。面积为基于 CGCS2000 椭球的椭球面积。</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Layer '{layer}' is empty; its checks are skipped.</source>
        <translation>图层“{layer}”为空，已跳过与其相关的检查。</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>COUNTIES is given: choose its county code field (COUNTY_CODE_FIELD).</source>
        <translation>已指定县（区）图层（COUNTIES）：请选择其县（区）代码字段（COUNTY_CODE_FIELD）。</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>The red-line layer '{layer}' is empty: there is nothing to check.</source>
        <translation>生态保护红线图层“{layer}”为空，没有可检查的内容。</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Writing outputs</source>
        <translation>正在写出结果</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Red-line statistics</source>
        <translation>生态保护红线统计</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Red-line patches</source>
        <translation>红线图斑数</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>CRS</source>
        <translation>坐标参考系</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>County code</source>
        <translation>县（区）代码</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>County</source>
        <translation>县（区）</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Patches</source>
        <translation>图斑数</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <location filename="../../processing/report.py"/>
        <source>Area (m²)</source>
        <translation>面积（m²）</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Area (ha)</source>
        <translation>面积（公顷）</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Area (mu)</source>
        <translation>面积（亩）</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Area (km²)</source>
        <translation>面积（km²）</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>County area (m²)</source>
        <translation>县（区）面积（m²）</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>Share (%)</source>
        <translation>占比（%）</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>the easting prefix is {found}, but the CRS is zone {zone}</source>
        <translation>东坐标的带号前缀为 {found}，但坐标参考系为第 {zone} 带</translation>
    </message>
    <message>
        <location filename="../../processing/redline_check.py"/>
        <source>the data reaches longitude {lo:.2f}°–{hi:.2f}°, beyond ±1.5° of the zone's central meridian {cm:g}°</source>
        <translation>数据经度范围为 {lo:.2f}°–{hi:.2f}°，超出该投影带中央经线 {cm:g}° 两侧 ±1.5° 的范围</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <source>info</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <source>Generated</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <source>Summary</source>
        <translation>概况</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <source>Findings by rule</source>
        <translation>按规则统计的问题</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <source>Source</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <source>No findings: the layer passed every check.</source>
        <translation>未发现问题：该图层通过了全部检查。</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <source>Map of findings</source>
        <translation>问题分布图</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <source>Red: errors, orange: warnings, blue: information. Circles mark findings too small to see at this scale.</source>
        <translation>红色：错误；橙色：警告；蓝色：提示。圆圈标示在当前比例尺下因过小而无法看清的问题。</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <source>Findings</source>
        <translation>问题清单</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <source>Feature</source>
        <translation>要素</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <source>… and {n} more findings in the findings layer.</source>
        <translation>……另有 {n} 个问题，详见问题图层。</translation>
    </message>
    <message>
        <location filename="../../processing/style_layer.py"/>
        <source>Findings by severity</source>
        <translation>问题（按严重程度）</translation>
    </message>
    <message>
        <location filename="../../processing/style_layer.py"/>
        <source>Ecological protection red line</source>
        <translation>生态保护红线</translation>
    </message>
    <message>
        <location filename="../../processing/style_layer.py"/>
        <source>Apply an ecospace style</source>
        <translation>应用 ecospace 样式</translation>
    </message>
    <message>
        <location filename="../../processing/style_layer.py"/>
        <source>Applies one of the plugin's styles (findings by severity, the red line…) to a layer, so a model can end with styled results. When the layer is a GeoPackage table, the style is also saved in the file as its default style, so it opens styled in any QGIS, including after a headless run.</source>
        <translation>将本插件自带的某一样式（按严重程度显示问题、生态保护红线等）应用到图层，使模型能够输出已设置样式的结果。若该图层为 GeoPackage 表，样式还会作为默认样式保存到文件中，因此在任何 QGIS 中打开时（包括无界面运行之后）都带有该样式。</translation>
    </message>
    <message>
        <location filename="../../processing/style_layer.py"/>
        <source>Layer to style</source>
        <translation>要设置样式的图层</translation>
    </message>
    <message>
        <location filename="../../processing/style_layer.py"/>
        <source>Style</source>
        <translation>样式</translation>
    </message>
    <message>
        <location filename="../../processing/style_layer.py"/>
        <source>Styled layer</source>
        <translation>已设置样式的图层</translation>
    </message>
    <message>
        <location filename="../../processing/style_layer.py"/>
        <source>Could not apply the style: {msg}</source>
        <translation>无法应用样式：{msg}</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Null or empty geometry</source>
        <translation>几何缺失或为空</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Invalid geometry</source>
        <translation>几何无效</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Duplicate feature</source>
        <translation>重复要素</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Red-line patches overlap</source>
        <translation>红线图斑相互重叠</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Fragment below the minimum area</source>
        <translation>碎片图斑（小于最小面积）</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Small hole</source>
        <translation>细小孔洞</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Sliver (thin shape)</source>
        <translation>狭长图斑（细碎图斑）</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Red line overlaps permanent basic farmland</source>
        <translation>生态保护红线与永久基本农田重叠</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Red line overlaps the urban development boundary</source>
        <translation>生态保护红线与城镇开发边界重叠</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Farmland overlaps the urban development boundary</source>
        <translation>永久基本农田与城镇开发边界重叠</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Protected area outside the red line</source>
        <translation>自然保护地位于生态保护红线外</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Conflict to deduct or explain</source>
        <translation>需扣除或说明的冲突</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>County code differs from the county holding the patch</source>
        <translation>县（区）代码与图斑所在县（区）不一致</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Patch crosses a county boundary</source>
        <translation>图斑跨县（区）界</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Required field missing</source>
        <translation>缺少必填字段</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Required attribute empty</source>
        <translation>必填属性为空</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Duplicate feature code</source>
        <translation>要素标识码重复</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Stored area differs from the ellipsoidal area</source>
        <translation>属性面积与椭球面积不一致</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Invalid geometry in a reference layer</source>
        <translation>参考图层中存在无效几何</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Layer in WGS84</source>
        <translation>图层采用 WGS84 坐标系</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Gauss-Kruger zone does not match the data</source>
        <translation>高斯-克吕格投影带与数据不符</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Feature {fid} of {layer} has no geometry. Draw it or delete the feature.</source>
        <translation>{layer} 的要素 {fid} 没有几何。请补绘几何或删除该要素。</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Feature {fid} of {layer} is invalid: {detail}. The checks used a repaired copy; fix the geometry (e.g. Fix Geometries) before delivery.</source>
        <translation>{layer} 的要素 {fid} 几何无效：{detail}。检查时使用了修复后的副本；请在提交成果前修复该几何（例如使用“修复几何图形”工具）。</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Feature {fid} of {layer} repeats feature {other_fid}. Delete one of them.</source>
        <translation>{layer} 的要素 {fid} 与要素 {other_fid} 重复。请删除其中之一。</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Red-line patches {fid} and {other_fid} overlap by {area}. Patches must be disjoint: remove the overlap from one of them.</source>
        <translation>红线图斑 {fid} 与 {other_fid} 重叠 {area}。图斑之间不得重叠：请从其中一个图斑中去除重叠部分。</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>A part of patch {fid} covers only {area}, below {threshold} m². Merge or remove the fragment.</source>
        <translation>图斑 {fid} 的一个组成部分面积仅为 {area}，小于 {threshold} m²。请合并或删除该碎片。</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Patch {fid} has a hole of {area}, below {threshold} m². Fill it unless it is a real exclusion.</source>
        <translation>图斑 {fid} 含有面积为 {area} 的孔洞，小于 {threshold} m²。除非确属应扣除的区域，否则请填补。</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>A part of patch {fid} is a sliver (4πA/P² = {value:.4f} &lt; {threshold}). Check for a digitising error.</source>
        <translation>图斑 {fid} 的一个组成部分为狭长图斑（4πA/P² = {value:.4f} &lt; {threshold}）。请检查是否为数字化错误。</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Red-line patch {fid} overlaps permanent basic farmland {other_fid} by {area}. The three control lines must not overlap.</source>
        <translation>红线图斑 {fid} 与永久基本农田 {other_fid} 重叠 {area}。三条控制线不得交叉重叠。</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Red-line patch {fid} overlaps urban development boundary {other_fid} by {area}. The three control lines must not overlap.</source>
        <translation>红线图斑 {fid} 与城镇开发边界 {other_fid} 重叠 {area}。三条控制线不得交叉重叠。</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Farmland patch {fid} overlaps urban development boundary {other_fid} by {area}. The three control lines must not overlap.</source>
        <translation>永久基本农田图斑 {fid} 与城镇开发边界 {other_fid} 重叠 {area}。三条控制线不得交叉重叠。</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Protected area {fid} of {layer} lies outside the red line over {area}. Every protected area must lie wholly inside the red line.</source>
        <translation>{layer} 中的自然保护地 {fid} 有 {area} 位于生态保护红线外。自然保护地应全部划入生态保护红线。</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Red-line patch {fid} overlaps {other_layer} feature {other_fid} by {area}. Deduct it, or record the permitted-activity category (142号) that allows it.</source>
        <translation>红线图斑 {fid} 与 {other_layer} 的要素 {other_fid} 重叠 {area}。请予以扣除，或记录允许该活动的有限人为活动类别（142号文）。</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Patch {fid} has the wrong county code (stored → county holding most of its area: {detail}). Correct the code, or split the patch.</source>
        <translation>图斑 {fid} 的县级代码有误（存储值 → 图斑面积最大部分所在县的代码：{detail}）。请更正代码，或在县界处分割图斑。</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Patch {fid} extends {area} into county {detail}. Split it at the county boundary so each county's ledger holds its own part.</source>
        <translation>图斑 {fid} 有 {area} 伸入县（区）{detail}。请沿县（区）界切分，使各县（区）台账只包含本县（区）范围内的部分。</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Layer {layer} has no field {detail}. Add it, or map the right field in the algorithm's field parameters.</source>
        <translation>图层 {layer} 缺少字段 {detail}。请添加该字段，或在算法的字段参数中指定正确的字段。</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Field {detail} of feature {fid} is empty. Fill it.</source>
        <translation>要素 {fid} 的字段 {detail} 为空，请填写。</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Feature {fid} repeats the code {detail} of feature {other_fid}. Codes must be unique.</source>
        <translation>要素 {fid} 的编码 {detail} 与要素 {other_fid} 重复。编码必须唯一。</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Patch {fid} stores {value:.2f} m² in field {detail}, but its ellipsoidal area is {threshold:.2f} m².</source>
        <translation>图斑 {fid} 在字段 {detail} 中记录的面积为 {value:.2f} m²，但其椭球面积为 {threshold:.2f} m²。</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Feature {fid} of {layer} is invalid: {detail}. A repaired copy was used in the checks.</source>
        <translation>{layer} 的要素 {fid} 几何无效：{detail}。检查时使用了修复后的副本。</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Layer {layer} is in WGS84 ({detail}). It is accepted, but official data should be in CGCS2000.</source>
        <translation>图层 {layer} 采用 WGS84 坐标系（{detail}）。可以接受，但正式成果应采用 CGCS2000。</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Layer {layer}: {detail}. Check that the layer's CRS is the right Gauss-Kruger zone.</source>
        <translation>图层 {layer}：{detail}。请检查该图层的坐标参考系是否为正确的高斯-克吕格投影带。</translation>
    </message>
</context>
</TS>
