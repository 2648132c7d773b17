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
        <source>Red-line delineation…</source>
        <translation>生态保护红线划定…</translation>
    </message>
    <message>
        <location filename="../../plugin.py"/>
        <source>Red-line delivery check…</source>
        <translation>生态保护红线成果质检…</translation>
    </message>
    <message>
        <location filename="../../plugin.py"/>
        <source>Environmental control units…</source>
        <translation>环境管控单元…</translation>
    </message>
    <message>
        <location filename="../../plugin.py"/>
        <source>Protected areas…</source>
        <translation>自然保护地…</translation>
    </message>
    <message>
        <location filename="../../plugin.py"/>
        <source>Project siting check…</source>
        <translation>项目选址检查…</translation>
    </message>
    <message>
        <location filename="../../plugin.py"/>
        <source>Findings panel</source>
        <translation>问题列表面板</translation>
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
        <location filename="../../ui/task_dialog.py"/>
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
        <location filename="../../processing/access_list.py"/>
        <source>The access list {path} is neither UTF-8 nor GBK text. Save it as 'CSV UTF-8' and run again.</source>
        <translation>准入清单 {path} 既不是 UTF-8 也不是 GBK 文本。请另存为“CSV UTF-8”后重试。</translation>
    </message>
    <message>
        <location filename="../../processing/access_list.py"/>
        <source>Cannot open the access list {path}. Give a CSV or XLSX file, or a table layer.</source>
        <translation>无法打开准入清单 {path}。请提供 CSV 或 XLSX 文件，或表格图层。</translation>
    </message>
    <message>
        <location filename="../../processing/access_list.py"/>
        <source>The access list file {path} does not exist.</source>
        <translation>准入清单文件 {path} 不存在。</translation>
    </message>
    <message>
        <location filename="../../processing/access_list.py"/>
        <source>Access list: {n} rows from {sources}.</source>
        <translation>准入清单：{n} 行，来自 {sources}。</translation>
    </message>
    <message>
        <location filename="../../processing/access_list.py"/>
        <source>The access list has neither a unit-code column '{code}' nor a class column '{cls}' (its columns: {cols}). Name them so, or set CODE_FIELD / CLASS_FIELD.</source>
        <translation>准入清单既没有单元编码列“{code}”，也没有分类列“{cls}”（现有列：{cols}）。请按此命名，或设置 CODE_FIELD / CLASS_FIELD。</translation>
    </message>
    <message>
        <location filename="../../processing/access_list.py"/>
        <source>The access list has none of the columns {dims} (its columns: {cols}). Name the rule columns so.</source>
        <translation>准入清单不含 {dims} 中的任何一列（现有列：{cols}）。请按此命名条款列。</translation>
    </message>
    <message>
        <location filename="../../processing/access_list.py"/>
        <source>ACCESS_INDUSTRY_FIELD: the access list has no column '{field}' (its columns: {cols}). Name its industry column, or leave ACCESS_INDUSTRY_FIELD empty so that every row applies to every industry.</source>
        <translation>ACCESS_INDUSTRY_FIELD：准入清单没有列“{field}”（现有列：{cols}）。请填写清单中的行业列名，或将 ACCESS_INDUSTRY_FIELD 留空，使每一行适用于所有行业。</translation>
    </message>
    <message>
        <location filename="../../processing/access_list.py"/>
        <source>{source} row {row}</source>
        <translation>{source} 第 {row} 行</translation>
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
        <location filename="../../processing/algorithms/protected_area_overlaps.py"/>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>Protected areas (自然保护地)</source>
        <translation>自然保护地</translation>
    </message>
    <message>
        <location filename="../../processing/base.py"/>
        <source>Choose the field for {param}.</source>
        <translation>请为 {param} 选择字段。</translation>
    </message>
    <message>
        <location filename="../../processing/base.py"/>
        <source>HTML report</source>
        <translation>HTML 报告</translation>
    </message>
    <message>
        <location filename="../../processing/base.py"/>
        <source>HTML files (*.html)</source>
        <translation>HTML 文件 (*.html)</translation>
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
        <location filename="../../processing/checks.py"/>
        <source>a number from {low:g} to {high:g}</source>
        <translation>{low:g} 到 {high:g} 之间的数</translation>
    </message>
    <message>
        <location filename="../../processing/checks.py"/>
        <source>a number of at most {high:g}</source>
        <translation>不大于 {high:g} 的数</translation>
    </message>
    <message>
        <location filename="../../processing/checks.py"/>
        <source>a number of at least {low:g}</source>
        <translation>不小于 {low:g} 的数</translation>
    </message>
    <message>
        <location filename="../../processing/checks.py"/>
        <source>{param} ({label}) must be {wanted}, not '{value}'. Change the value and run again.</source>
        <translation>{param}（{label}）必须是{wanted}，而不是“{value}”。请修改该值后重新运行。</translation>
    </message>
    <message>
        <location filename="../../processing/checks.py"/>
        <source>{param}: layer '{layer}' is empty: there is nothing to check. Choose the layer that holds the features (or clear its filter or selection).</source>
        <translation>{param}：图层“{layer}”为空，没有可检查的内容。请选择存放要素的图层（或清除其筛选条件或选择集）。</translation>
    </message>
    <message>
        <location filename="../../processing/checks.py"/>
        <source>{param}: layer '{layer}' has no field '{field}'. Its fields are: {fields}. Choose one of them for {param}.</source>
        <translation>{param}：图层“{layer}”没有字段“{field}”。它的字段有：{fields}。请为 {param} 选择其中之一。</translation>
    </message>
    <message>
        <location filename="../../processing/checks.py"/>
        <source>{param}: choose the field of layer '{layer}' to use. Its fields are: {fields}.</source>
        <translation>{param}：请选择图层“{layer}”中要使用的字段。它的字段有：{fields}。</translation>
    </message>
    <message>
        <location filename="../../processing/checks.py"/>
        <source>{param}: no value of field '{field}' of layer '{layer}' is a 6-digit county code (e.g. 450122) or a township code starting with one: it is {kind}. Choose the field that holds the county codes.</source>
        <translation>{param}：图层“{layer}”的字段“{field}”中没有一个值是 6 位县级行政区划代码（如 450122）或以其开头的乡镇代码：它是{kind}。请选择存放县级代码的字段。</translation>
    </message>
    <message>
        <location filename="../../processing/checks.py"/>
        <source>no value (every feature read is empty)</source>
        <translation>没有值（读取的每个要素都为空）</translation>
    </message>
    <message>
        <location filename="../../processing/checks.py"/>
        <source>a field of type {type} holding {values}</source>
        <translation>类型为 {type} 的字段，其值为 {values}</translation>
    </message>
    <message>
        <location filename="../../processing/checks.py"/>
        <source>{param}: field '{field}' of layer '{layer}' is {what}, but {param} needs numbers. Choose a numeric field, or convert this one (Field Calculator: to_real("{field}")).</source>
        <translation>{param}：图层“{layer}”的字段“{field}”是{what}，但 {param} 需要数值。请选择数值字段，或转换该字段（字段计算器：to_real("{field}")）。</translation>
    </message>
    <message>
        <location filename="../../processing/checks.py"/>
        <source>{param}: field '{field}' of layer '{layer}' is {what}, but it must hold text such as '{example}'. Choose a text field, or a name the layer does not have (the field is then created).</source>
        <translation>{param}：图层“{layer}”的字段“{field}”是{what}，但它必须存放“{example}”这样的文本。请选择文本字段，或填写图层中没有的字段名（将新建该字段）。</translation>
    </message>
    <message>
        <location filename="../../processing/checks.py"/>
        <source>{param}: layer '{layer}' already has a field '{field}' ({what}); the output would overwrite it. Give {param} a name the layer does not have, or {allow}.</source>
        <translation>{param}：图层“{layer}”已有字段“{field}”（{what}）；输出会覆盖它。请为 {param} 填写图层中没有的名称，或{allow}。</translation>
    </message>
    <message>
        <location filename="../../processing/checks.py"/>
        <source>Layer '{layer}' already has a field '{field}' ({what}), which the output writes itself; it would be overwritten. Rename that field in the layer, or {allow}.</source>
        <translation>图层“{layer}”已有字段“{field}”（{what}），而输出会自行写入该字段，它将被覆盖。请在图层中重命名该字段，或{allow}。</translation>
    </message>
    <message>
        <location filename="../../processing/checks.py"/>
        <source>{param}: raster '{layer}' has {count} band(s), so there is no band {band}. Choose a band from 1 to {count}.</source>
        <translation>{param}：栅格“{layer}”有 {count} 个波段，没有第 {band} 波段。请选择 1 到 {count} 之间的波段。</translation>
    </message>
    <message>
        <location filename="../../processing/citations.py"/>
        <source>Guidelines for delineating ecological protection red lines 《生态保护红线划定指南》 (环办生态〔2017〕48号, 2017)</source>
        <translation>《生态保护红线划定指南》（环办生态〔2017〕48号，2017年）</translation>
    </message>
    <message>
        <location filename="../../processing/citations.py"/>
        <source>Guiding opinions on delineating and implementing the three control lines in territorial spatial planning 《关于在国土空间规划中统筹划定落实三条控制线的指导意见》 (2019)</source>
        <translation>《关于在国土空间规划中统筹划定落实三条控制线的指导意见》（2019年）</translation>
    </message>
    <message>
        <location filename="../../processing/citations.py"/>
        <source>Notice on strengthening the management of ecological protection red lines (trial) 《关于加强生态保护红线管理的通知（试行）》 (自然资发〔2022〕142号, 2022)</source>
        <translation>《关于加强生态保护红线管理的通知（试行）》（自然资发〔2022〕142号，2022年）</translation>
    </message>
    <message>
        <location filename="../../processing/citations.py"/>
        <source>Regulations on Nature Reserves 《中华人民共和国自然保护区条例》 (1994), article 18</source>
        <translation>《中华人民共和国自然保护区条例》（1994年）第十八条</translation>
    </message>
    <message>
        <location filename="../../processing/citations.py"/>
        <source>Guiding opinions on a protected-area system with national parks as its main body 《关于建立以国家公园为主体的自然保护地体系的指导意见》 (中办发〔2019〕42号, 2019)</source>
        <translation>《关于建立以国家公园为主体的自然保护地体系的指导意见》（中办发〔2019〕42号，2019年）</translation>
    </message>
    <message>
        <location filename="../../processing/citations.py"/>
        <source>GB/T 35822-2018 Technical regulations for the functional zoning of nature reserves 《自然保护区功能区划技术规程》 (zone widths are not checked)</source>
        <translation>GB/T 35822-2018《自然保护区功能区划技术规程》（未检查功能区宽度）</translation>
    </message>
    <message>
        <location filename="../../processing/citations.py"/>
        <source>The 'Green Shield' (绿盾) supervision of protected areas since 2017 and its remote-sensing monitoring of human activity</source>
        <translation>“绿盾”自然保护地强化监督（2017年起）及其人类活动遥感监测</translation>
    </message>
    <message>
        <location filename="../../processing/citations.py"/>
        <source>Technical guide for the three lines and one list 《“生态保护红线、环境质量底线、资源利用上线和环境准入负面清单”编制技术指南（试行）》 (2017)</source>
        <translation>《“生态保护红线、环境质量底线、资源利用上线和环境准入负面清单”编制技术指南（试行）》（2017年）</translation>
    </message>
    <message>
        <location filename="../../processing/citations.py"/>
        <source>GB/T 2260 Codes for the administrative divisions of the People's Republic of China 《中华人民共和国行政区划代码》</source>
        <translation>GB/T 2260《中华人民共和国行政区划代码》</translation>
    </message>
    <message>
        <location filename="../../processing/citations.py"/>
        <source>China Geodetic Coordinate System 2000 (CGCS2000, 2000国家大地坐标系) and ellipsoidal area (椭球面积)</source>
        <translation>2000国家大地坐标系（CGCS2000）与椭球面积</translation>
    </message>
    <message>
        <location filename="../../processing/citations.py"/>
        <source>This plugin's default (no standard sets this rule)</source>
        <translation>本工具默认规则（无标准规定）</translation>
    </message>
    <message>
        <location filename="../../processing/crs_check.py"/>
        <source>Layer '{layer}' has no coordinate reference system.</source>
        <translation>图层“{layer}”没有坐标参考系。</translation>
    </message>
    <message>
        <location filename="../../processing/crs_check.py"/>
        <source>Layer '{layer}' has the coordinate reference system '{name}', which has no datum or projection: its coordinates cannot be placed on the earth.</source>
        <translation>图层“{layer}”的坐标参考系为“{name}”，它没有基准面和投影：其坐标无法定位到地球上。</translation>
    </message>
    <message>
        <location filename="../../processing/crs_check.py"/>
        <source>Layer '{layer}' has the undefined coordinate reference system '{name}' (what a GeoPackage written without a CRS gets), so its coordinates would be taken as degrees whatever they are.</source>
        <translation>图层“{layer}”的坐标参考系为未定义的“{name}”（未设置坐标参考系写出的 GeoPackage 就是这样），因此无论其坐标实际是什么，都会被当作经纬度（度）。</translation>
    </message>
    <message>
        <location filename="../../processing/crs_check.py"/>
        <source>Layer '{layer}' says it is in {crs}, but its coordinates cannot be in that CRS.</source>
        <translation>图层“{layer}”声明其坐标参考系为 {crs}，但其坐标不可能属于该坐标参考系。</translation>
    </message>
    <message>
        <location filename="../../processing/crs_check.py"/>
        <source>degrees of longitude and latitude</source>
        <translation>经纬度（度）</translation>
    </message>
    <message>
        <location filename="../../processing/crs_check.py"/>
        <source>metres, Gauss-Krüger eastings of 3-degree zone {zone} (the zone number in front)</source>
        <translation>米，3 度带第 {zone} 带的高斯-克吕格横坐标（带号在前）</translation>
    </message>
    <message>
        <location filename="../../processing/crs_check.py"/>
        <source>metres, Gauss-Krüger eastings of 6-degree zone {zone} (the zone number in front)</source>
        <translation>米，6 度带第 {zone} 带的高斯-克吕格横坐标（带号在前）</translation>
    </message>
    <message>
        <location filename="../../processing/crs_check.py"/>
        <source>metres, Gauss-Krüger or UTM eastings without a zone number</source>
        <translation>米，不带带号的高斯-克吕格或 UTM 横坐标</translation>
    </message>
    <message>
        <location filename="../../processing/crs_check.py"/>
        <source>neither longitude/latitude nor a Chinese Gauss-Krüger grid</source>
        <translation>既不是经纬度，也不是国内常用的高斯-克吕格坐标</translation>
    </message>
    <message>
        <location filename="../../processing/crs_check.py"/>
        <source>Its coordinates run from x = {xmin} to {xmax} and y = {ymin} to {ymax}: {kind}.</source>
        <translation>其坐标范围为 x = {xmin} 至 {xmax}，y = {ymin} 至 {ymax}：{kind}。</translation>
    </message>
    <message>
        <location filename="../../processing/crs_check.py"/>
        <source>Set the layer's CRS in Layer Properties › Source, here probably EPSG:{epsg} ({name}), and run again.</source>
        <translation>请在“图层属性 › 源”中设置该图层的坐标参考系（此处很可能是 EPSG:{epsg}，{name}），然后重新运行。</translation>
    </message>
    <message>
        <location filename="../../processing/crs_check.py"/>
        <source>Set the layer's CRS in Layer Properties › Source, here probably the CGCS2000 3-degree zone of its central meridian without zone number (EPSG:4534 for 75°E to EPSG:4554 for 135°E), and run again.</source>
        <translation>请在“图层属性 › 源”中设置该图层的坐标参考系（此处很可能是按其中央经线、不带带号的 CGCS2000 3 度带：75°E 为 EPSG:4534，至 135°E 为 EPSG:4554），然后重新运行。</translation>
    </message>
    <message>
        <location filename="../../processing/crs_check.py"/>
        <source>Set the layer's CRS in Layer Properties › Source (Chinese data is usually CGCS2000: EPSG:4490, or a Gauss-Kruger zone such as EPSG:4524) and run again.</source>
        <translation>请在“图层属性 › 源”中设置该图层的坐标参考系（国内数据通常采用 CGCS2000：EPSG:4490，或高斯-克吕格投影带，如 EPSG:4524），然后重新运行。</translation>
    </message>
    <message>
        <location filename="../../processing/crs_check.py"/>
        <source>custom CRS</source>
        <translation>自定义坐标参考系</translation>
    </message>
    <message>
        <location filename="../../processing/exceptions.py"/>
        <source>Accepted exceptions (the table ecospace_exceptions.gpkg the findings panel writes)</source>
        <translation>已接受的例外（问题面板写入的 ecospace_exceptions.gpkg 表）</translation>
    </message>
    <message>
        <location filename="../../processing/exceptions.py"/>
        <source>excepted: {reason}</source>
        <translation>已接受为例外：{reason}</translation>
    </message>
    <message>
        <location filename="../../processing/exceptions.py"/>
        <source>The exceptions table '{layer}' has no field {fields}. Choose the table 'exceptions' of ecospace_exceptions.gpkg, which the findings panel writes.</source>
        <translation>例外表“{layer}”缺少字段 {fields}。请选择问题面板写入的 ecospace_exceptions.gpkg 中的 exceptions 表。</translation>
    </message>
    <message>
        <location filename="../../processing/exceptions.py"/>
        <source>Exceptions: {n} findings excepted (counted as notes), {s} exceptions match no finding any more.</source>
        <translation>例外：{n} 个问题已按例外处理（计为提示），{s} 条例外已无对应问题。</translation>
    </message>
    <message>
        <location filename="../../processing/exceptions.py"/>
        <source>Cannot write the exceptions file {path}.</source>
        <translation>无法写入例外文件 {path}。</translation>
    </message>
    <message>
        <location filename="../../processing/guard.py"/>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>The run was cancelled. No output was written.</source>
        <translation>运行已取消，未写出任何结果。</translation>
    </message>
    <message>
        <location filename="../../processing/guard.py"/>
        <source>The input {param} is damaged: {file} is shorter than its header says, so it was probably cut off while being copied or downloaded. Use a complete copy.</source>
        <translation>输入 {param} 已损坏：{file} 比其文件头标明的长度短，可能在复制或下载时被截断。请使用完整的副本。</translation>
    </message>
    <message>
        <location filename="../../processing/guard.py"/>
        <source>The input {param} cannot be opened: {file}: {error}</source>
        <translation>无法打开输入 {param}：{file}：{error}</translation>
    </message>
    <message>
        <location filename="../../processing/guard.py"/>
        <source>The input {param} needs a vector layer, but {file} is a raster.</source>
        <translation>输入 {param} 需要矢量图层，但 {file} 是栅格。</translation>
    </message>
    <message>
        <location filename="../../processing/guard.py"/>
        <source>The input {param} needs a raster, but {file} is a vector layer.</source>
        <translation>输入 {param} 需要栅格，但 {file} 是矢量图层。</translation>
    </message>
    <message>
        <location filename="../../processing/guard.py"/>
        <source>The output folder {output} ({path}) is the file of the input {param}. Choose a folder for {output}.</source>
        <translation>输出文件夹 {output}（{path}）就是输入 {param} 的文件。请为 {output} 选择一个文件夹。</translation>
    </message>
    <message>
        <location filename="../../processing/guard.py"/>
        <source>The output {output} ({path}) is the file of the input {param}, and inputs are never written to. Choose another file for {output}.</source>
        <translation>输出 {output}（{path}）就是输入 {param} 的文件，而输入文件绝不会被写入。请为 {output} 选择其他文件。</translation>
    </message>
    <message>
        <location filename="../../processing/guard.py"/>
        <source>The output folder {output} ({path}) holds {file}, the input of {param}: files written there could replace it. Choose another folder for {output}.</source>
        <translation>输出文件夹 {output}（{path}）中有输入 {param} 的文件 {file}：写入该文件夹的文件可能会覆盖它。请为 {output} 选择其他文件夹。</translation>
    </message>
    <message>
        <location filename="../../processing/guard.py"/>
        <source>The output folder {output} ({path}) is a file, not a folder. Choose a folder.</source>
        <translation>输出文件夹 {output}（{path}）是一个文件，而不是文件夹。请选择一个文件夹。</translation>
    </message>
    <message>
        <location filename="../../processing/guard.py"/>
        <source>The output {output} ({path}) is a folder. Give a file name.</source>
        <translation>输出 {output}（{path}）是一个文件夹。请给出文件名。</translation>
    </message>
    <message>
        <location filename="../../processing/guard.py"/>
        <source>The output {output} ({path}) cannot be written: {file} is a file, not a folder. Choose another location.</source>
        <translation>无法写入输出 {output}（{path}）：{file} 是一个文件，而不是文件夹。请选择其他位置。</translation>
    </message>
    <message>
        <location filename="../../processing/guard.py"/>
        <source>The output {output} ({path}) cannot be written: the folder {folder} is read-only or you have no permission to write there. Choose another folder.</source>
        <translation>无法写入输出 {output}（{path}）：文件夹 {folder} 为只读，或您没有写入权限。请选择其他文件夹。</translation>
    </message>
    <message>
        <location filename="../../processing/guard.py"/>
        <source>Could not read or write {file}: {reason}</source>
        <translation>无法读取或写入 {file}：{reason}</translation>
    </message>
    <message>
        <location filename="../../processing/io.py"/>
        <source>Layer '{layer}' must hold polygons, but it holds {type} geometries. Choose a polygon layer.</source>
        <translation>图层“{layer}”应为面图层，但其几何类型为 {type}。请选择面图层。</translation>
    </message>
    <message>
        <location filename="../../processing/io.py"/>
        <source>Layer '{layer}' has no field named {fields}. Pick the right field in the algorithm's field parameters.</source>
        <translation>图层“{layer}”中没有名为 {fields} 的字段。请在算法的字段参数中选择正确的字段。</translation>
    </message>
    <message>
        <location filename="../../processing/io.py"/>
        <source>Layer '{layer}': {n} features cannot be used and are left out of the checks: {list}.</source>
        <translation>图层“{layer}”：有 {n} 个要素无法使用，已排除在检查之外：{list}。</translation>
    </message>
    <message>
        <location filename="../../processing/io.py"/>
        <source>Layer '{layer}': {n} features have no geometry (NULL or empty) and take no part in the spatial checks: fid {fids}.</source>
        <translation>图层“{layer}”：{n} 个要素没有几何（NULL 或空），不参与空间检查：fid {fids}。</translation>
    </message>
    <message>
        <location filename="../../processing/io.py"/>
        <source>coordinates that could not be reprojected to the working CRS, or are not numbers</source>
        <translation>坐标无法重投影到工作坐标参考系，或不是数值</translation>
    </message>
    <message>
        <location filename="../../processing/io.py"/>
        <source>a coordinate that is not a number (NaN or infinite)</source>
        <translation>有坐标不是数值（NaN 或无穷大）</translation>
    </message>
    <message>
        <location filename="../../processing/io.py"/>
        <source>coordinates far outside the area its CRS covers</source>
        <translation>坐标远在其坐标参考系的适用范围之外</translation>
    </message>
    <message>
        <location filename="../../processing/io.py"/>
        <source>a ring that is not closed (e.g. by a NaN vertex) or has too few points</source>
        <translation>有环未闭合（例如因 NaN 顶点）或点数过少</translation>
    </message>
    <message>
        <location filename="../../processing/io.py"/>
        <source>a geometry of another type than the layer's ({type})</source>
        <translation>几何类型与图层类型（{type}）不符</translation>
    </message>
    <message>
        <location filename="../../processing/io.py"/>
        <source>Layer '{layer}': the text of {field} did not decode (e.g. '{value}'): the file is probably GBK-encoded without a .cpg file. Put a file with the same name and the extension .cpg, holding the word GBK, next to it (or set the layer's data source encoding in QGIS), then run again.</source>
        <translation>图层“{layer}”的 {field} 文本无法解码（例如“{value}”）：该文件很可能是 GBK 编码但缺少 .cpg 文件。请在同一目录下新建同名、扩展名为 .cpg 的文件，内容写 GBK（或在 QGIS 中设置该图层的数据源编码），然后重新运行。</translation>
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
        <location filename="../../processing/messages.py"/>
        <source>{m2} m² ({ha} ha, {mu} mu)</source>
        <translation>{m2} m²（{ha} 公顷，{mu} 亩）</translation>
    </message>
    <message>
        <location filename="../../processing/messages.py"/>
        <source>{code} (fid {fid})</source>
        <translation>{code}（fid {fid}）</translation>
    </message>
    <message>
        <location filename="../../processing/messages.py"/>
        <source>Invalid geometries are drawn as a {size:g} m square on the place GEOS names (the self-intersection, the faulty ring), not as the whole feature; their area_m2 is the repaired feature's. Messages name a feature by its code and fid, e.g. 450122STBHHX0001 (fid 3); feature_code and other_code hold the codes, which stay the same in every file format, where fids do not (GeoJSON counts from 0).&lt;br&gt;&lt;br&gt;A piece of a feature beyond a county line that lies wholly within BOUNDARY_NOISE_WIDTH (default 50 m) of the line is a boundary mismatch (a note), not a crossing to split: the county layer and the checked layer disagree on where the line runs. County layers from web maps are GCJ-02 (tagged EPSG:4326, shifted a few hundred metres) or drawn at a coarser scale; with such a layer set BOUNDARY_NOISE_WIDTH above the shift (e.g. 700 m). 0 reports every piece as a crossing.</source>
        <translation>无效几何以 GEOS 指出的位置（自相交点、出错的环）为中心画成 {size:g} m 见方的小方块，而不是整个要素；其 area_m2 为修复后要素的面积。消息以要素的编码和 fid 指称要素，如 450122STBHHX0001（fid 3）；编码存于 feature_code 和 other_code 字段，换用任何文件格式都不变，而 fid 会变（GeoJSON 从 0 开始计数）。&lt;br&gt;&lt;br&gt;要素超出县（区）界的部分若整体位于界线 BOUNDARY_NOISE_WIDTH（默认 50 m）以内，则报告为边界错位（提示），而不是需要切分的跨界：县界图层与被检图层对界线位置的认定不一致。来自网络地图的县界图层为 GCJ-02 坐标（标为 EPSG:4326，但偏移数百米），或按较小比例尺绘制；使用这类图层时，请把 BOUNDARY_NOISE_WIDTH 设为大于偏移量的值（如 700 m）。设为 0 则所有超出部分都按跨界报告。</translation>
    </message>
    <message>
        <location filename="../../processing/messages.py"/>
        <source>Strip along a county line that is a boundary mismatch, not a crossing: its width (m; 0 = off)</source>
        <translation>沿县（区）界视为边界错位（而非跨界）的窄条宽度（m；0 = 关闭）</translation>
    </message>
    <message>
        <location filename="../../processing/messages.py"/>
        <source>Fill 'category' with the 142号 permitted-activity category (1 patrol/research, 2 existing farming, 3 archaeology, 4 plantation forestry, 5 tourism/education, 6 linear infrastructure, 7 exploration, 8 restoration, 9 border works, 10 other by law). New construction land needs an unavoidability (不可避让) argument.</source>
        <translation>请在“category”字段中填写142号文允许的有限人为活动类别（1 巡护、执法、科研与监测，2 原住居民现有种植、放牧、捕捞（不扩大规模），3 考古与标本采集，4 人工商品林经营，5 适度旅游与自然教育，6 线性基础设施，7 矿产资源勘查，8 生态修复，9 边境设施，10 法律法规允许的其他活动）。新增建设用地须提供不可避让论证。</translation>
    </message>
    <message>
        <location filename="../../processing/outputs.py"/>
        <source>Could not write the features to {dest}.</source>
        <translation>无法将要素写入 {dest}。</translation>
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
        <location filename="../../processing/raster_io.py"/>
        <source>Raster '{layer}' ({file}) could not be read: {error}. The file is probably cut off or damaged: use a complete copy.</source>
        <translation>无法读取栅格“{layer}”（{file}）：{error}。该文件可能被截断或已损坏：请使用完整的副本。</translation>
    </message>
    <message>
        <location filename="../../processing/raster_io.py"/>
        <source>'{layer}' is not a readable raster layer.</source>
        <translation>“{layer}”不是可读取的栅格图层。</translation>
    </message>
    <message>
        <location filename="../../processing/raster_io.py"/>
        <source>Raster '{layer}' is not a file raster (provider: {provider}). Save it as a GeoTIFF first.</source>
        <translation>栅格“{layer}”不是文件栅格（数据提供者：{provider}）。请先另存为 GeoTIFF。</translation>
    </message>
    <message>
        <location filename="../../processing/raster_io.py"/>
        <source>Could not open raster '{layer}': {error}</source>
        <translation>无法打开栅格“{layer}”：{error}</translation>
    </message>
    <message>
        <location filename="../../processing/raster_io.py"/>
        <source>Raster '{layer}' has {count} band(s): choose a BAND between 1 and {count}.</source>
        <translation>栅格“{layer}”有 {count} 个波段：请选择 1 到 {count} 之间的波段（BAND）。</translation>
    </message>
    <message>
        <location filename="../../processing/raster_io.py"/>
        <source>Raster '{layer}' has {count} bands; band {band} is used (see the BAND parameter).</source>
        <translation>栅格“{layer}”有 {count} 个波段；使用第 {band} 波段（见 BAND 参数）。</translation>
    </message>
    <message>
        <location filename="../../processing/raster_io.py"/>
        <source>Band {band} of raster '{layer}' holds {type} values, not plain numbers. Choose a band of numeric values.</source>
        <translation>栅格“{layer}”的第 {band} 波段为 {type} 类型，不是普通数值。请选择数值波段。</translation>
    </message>
    <message>
        <location filename="../../processing/raster_io.py"/>
        <source>Raster '{layer}' is rotated. Warp it to a north-up grid (Raster › Projections › Warp) first.</source>
        <translation>栅格“{layer}”带有旋转。请先重投影为正北方向的格网（栅格 › 投影 › 重投影）。</translation>
    </message>
    <message>
        <location filename="../../processing/raster_io.py"/>
        <source>Raster '{layer}' is on another grid than '{first}': it is resampled to the first raster's grid, CRS and extent ({method}).</source>
        <translation>栅格“{layer}”与“{first}”的格网不同：已按第一个栅格的格网、坐标系和范围重采样（{method}）。</translation>
    </message>
    <message>
        <location filename="../../processing/raster_io.py"/>
        <source>average of the finer cells</source>
        <translation>较细像元取平均</translation>
    </message>
    <message>
        <location filename="../../processing/raster_io.py"/>
        <source>nearest cell</source>
        <translation>最邻近像元</translation>
    </message>
    <message>
        <location filename="../../processing/raster_io.py"/>
        <source>The output '{path}' must be a GeoTIFF file (.tif).</source>
        <translation>输出“{path}”必须是 GeoTIFF 文件（.tif）。</translation>
    </message>
    <message>
        <location filename="../../processing/raster_io.py"/>
        <source>Could not create the raster {path}: {error}</source>
        <translation>无法创建栅格 {path}：{error}</translation>
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
        <location filename="../../processing/siting_report.py"/>
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
        <location filename="../../processing/siting_report.py"/>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <location filename="../../processing/siting_report.py"/>
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
        <location filename="../../processing/siting_report.py"/>
        <location filename="../../ui/findings_dock.py"/>
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
        <location filename="../../processing/siting_report.py"/>
        <location filename="../../ui/findings_dock.py"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <location filename="../../processing/algorithms/human_activity.py"/>
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
        <location filename="../../processing/report_map.py"/>
        <source>Map of findings</source>
        <translation>问题分布图</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <location filename="../../processing/report_map.py"/>
        <location filename="../../processing/siting_report.py"/>
        <source>Findings</source>
        <translation>问题清单</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <location filename="../../ui/findings_dock.py"/>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <location filename="../../ui/findings_dock.py"/>
        <source>Feature</source>
        <translation>要素</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <location filename="../../processing/algorithms/human_activity.py"/>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <location filename="../../processing/algorithms/units_check.py"/>
        <location filename="../../ui/findings_dock.py"/>
        <source>Area (m²)</source>
        <translation>面积（m²）</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <location filename="../../processing/siting_report.py"/>
        <location filename="../../ui/findings_dock.py"/>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <source>… and {n} more findings in the findings layer.</source>
        <translation>……另有 {n} 个问题，详见问题图层。</translation>
    </message>
    <message>
        <location filename="../../processing/report.py"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../processing/report_map.py"/>
        <source>The report's map could not be drawn: {error}</source>
        <translation>无法绘制报告地图：{error}</translation>
    </message>
    <message>
        <location filename="../../processing/report_map.py"/>
        <source>The map could not be drawn: {error}</source>
        <translation>无法绘制地图：{error}</translation>
    </message>
    <message>
        <location filename="../../processing/report_map.py"/>
        <source>Nothing to map: the checked layer has no geometry.</source>
        <translation>无可制图内容：被检查图层没有几何图形。</translation>
    </message>
    <message>
        <location filename="../../processing/report_map.py"/>
        <source>Map sheet: {path}</source>
        <translation>地图（PDF）：{path}</translation>
    </message>
    <message>
        <location filename="../../processing/report_map.py"/>
        <source>Framed on the checked layer with a margin; circles mark findings too small to see at this scale.</source>
        <translation>地图范围为被检查图层外扩一定边距；圆圈标示在此比例尺下过小、看不清的问题。</translation>
    </message>
    <message>
        <location filename="../../processing/report_map.py"/>
        <source>{n} findings lie outside the frame: see the table below.</source>
        <translation>另有 {n} 个问题位于图幅之外，见下表。</translation>
    </message>
    <message>
        <location filename="../../processing/report_map.py"/>
        <source>Map sheet (PDF)</source>
        <translation>地图（PDF）</translation>
    </message>
    <message>
        <location filename="../../processing/report_map.py"/>
        <source>QGIS returned an empty image</source>
        <translation>QGIS 返回了空白图像</translation>
    </message>
    <message>
        <location filename="../../processing/report_map.py"/>
        <source>the PDF map sheet could not be written to {path}</source>
        <translation>无法将 PDF 地图写入 {path}</translation>
    </message>
    <message>
        <location filename="../../processing/report_map.py"/>
        <source>Findings (lines)</source>
        <translation>问题（线）</translation>
    </message>
    <message>
        <location filename="../../processing/report_map.py"/>
        <source>Findings (points)</source>
        <translation>问题（点）</translation>
    </message>
    <message>
        <location filename="../../processing/report_map.py"/>
        <source>Findings too small to see (circled)</source>
        <translation>过小的问题（圆圈标示）</translation>
    </message>
    <message>
        <location filename="../../processing/report_map.py"/>
        <source>CRS: {crs} · drawn {date}</source>
        <translation>坐标系：{crs} · 制图时间 {date}</translation>
    </message>
    <message>
        <location filename="../../processing/report_map.py"/>
        <source>m</source>
        <translation>米</translation>
    </message>
    <message>
        <location filename="../../processing/report_map.py"/>
        <source>km</source>
        <translation>千米</translation>
    </message>
    <message>
        <location filename="../../processing/report_map.py"/>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <location filename="../../processing/reserve_fields.py"/>
        <source>Zone names: 核心区, 缓冲区, 实验区 (three-zone system, 1994 Regulations) and 核心保护区, 一般控制区 (two-zone system, 2019) are known, with their short forms (核心, 缓冲…), English forms (core zone, buffer zone, experimental zone, transition zone, core protection zone, general control zone) and pinyin codes (HXQ, HCQ, SYQ, HXBHQ, YBKZQ); case, spaces, full-width letters, '_' and '-' do not matter. Map any other value with ZONE_VALUES, a list of value=kind pairs separated by ';', where kind is core, buffer, experimental, core_protection or general_control (or its Chinese name), e.g. &lt;code&gt;{example}&lt;/code&gt;. A run that meets an unknown value stops and lists the distinct unknown values.</source>
        <translation>功能分区名称：可识别核心区、缓冲区、实验区（三区制，1994 年条例）和核心保护区、一般控制区（两区制，2019 年），以及其简称（核心、缓冲…）、英文名称（core zone、buffer zone、experimental zone、transition zone、core protection zone、general control zone）和拼音代码（HXQ、HCQ、SYQ、HXBHQ、YBKZQ）；不区分大小写、空格、全角字母、“_”和“-”。其他取值请用 ZONE_VALUES 映射：以“;”分隔的“取值=类别”列表，类别为 core、buffer、experimental、core_protection 或 general_control（或其中文名称），例如 &lt;code&gt;{example}&lt;/code&gt;。遇到无法识别的取值时运行会停止，并列出所有不同的未知取值。</translation>
    </message>
    <message>
        <location filename="../../processing/reserve_fields.py"/>
        <source>Protected areas / nature reserves (自然保护地)</source>
        <translation>自然保护地 / 自然保护区</translation>
    </message>
    <message>
        <location filename="../../processing/reserve_fields.py"/>
        <source>Reserve id field (保护地代码)</source>
        <translation>保护地代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/reserve_fields.py"/>
        <source>Functional zones (功能分区)</source>
        <translation>功能分区</translation>
    </message>
    <message>
        <location filename="../../processing/reserve_fields.py"/>
        <source>Zones: reserve id field</source>
        <translation>功能分区：保护地代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/reserve_fields.py"/>
        <source>Zones: zone name field (功能分区)</source>
        <translation>功能分区：分区名称字段</translation>
    </message>
    <message>
        <location filename="../../processing/reserve_fields.py"/>
        <source>Extra zone values (value=kind; …)</source>
        <translation>功能分区值映射（取值=类别; …）</translation>
    </message>
    <message>
        <location filename="../../processing/reserve_fields.py"/>
        <source>{layer} has no field {field}; {param} is not used.</source>
        <translation>{layer} 没有字段 {field}；不使用 {param}。</translation>
    </message>
    <message>
        <location filename="../../processing/reserve_fields.py"/>
        <source>ZONE_VALUES: '{pair}' is not a value=kind pair. Write pairs such as {example}, where kind is one of core, buffer, experimental, core_protection, general_control (or 核心区, 缓冲区, 实验区, 核心保护区, 一般控制区).</source>
        <translation>ZONE_VALUES：'{pair}' 不是“取值=类别”形式。请写成 {example} 这样的形式，类别为 core、buffer、experimental、core_protection、general_control 之一（或核心区、缓冲区、实验区、核心保护区、一般控制区）。</translation>
    </message>
    <message>
        <location filename="../../processing/reserve_fields.py"/>
        <source> (and more)</source>
        <translation>（等）</translation>
    </message>
    <message>
        <location filename="../../processing/reserve_fields.py"/>
        <source>ZONES holds zone names that no mapping knows: {values}{more}. Map each one to a zone kind in 'Extra zone values' (ZONE_VALUES), e.g. '{first}=core_protection' — kinds: core, buffer, experimental, core_protection, general_control — or check that ZONE_FIELD is the zone name field.</source>
        <translation>功能分区图层含无法识别的分区名称：{values}{more}。请在“功能分区值映射”（ZONE_VALUES）中把每个取值映射到分区类别，例如 '{first}=core_protection'——类别：core、buffer、experimental、core_protection、general_control——或检查 ZONE_FIELD 是否为分区名称字段。</translation>
    </message>
    <message>
        <location filename="../../processing/reserve_fields.py"/>
        <source>No zone's reserve id matches any reserve id. ZONE_RESERVE_FIELD '{zfield}' of '{zlayer}' ({ztype}) holds {zvalues}; RESERVE_ID_FIELD '{rfield}' of '{rlayer}' ({rtype}) holds {rvalues}. They are compared as text: choose the two fields that hold the same reserve codes.</source>
        <translation>没有任何功能分区的保护地代码与保护地代码相符。“{zlayer}”的 ZONE_RESERVE_FIELD“{zfield}”（{ztype}）的值为 {zvalues}；“{rlayer}”的 RESERVE_ID_FIELD“{rfield}”（{rtype}）的值为 {rvalues}。两者按文本比较：请选择存放相同保护地代码的两个字段。</translation>
    </message>
    <message>
        <location filename="../../processing/reserve_fields.py"/>
        <source>Layer '{layer}' has no field named {field}. Pick the right field in the algorithm's field parameters.</source>
        <translation>图层“{layer}”没有名为 {field} 的字段。请在算法的字段参数中选择正确的字段。</translation>
    </message>
    <message>
        <location filename="../../processing/reserve_fields.py"/>
        <source>The input cannot be checked: {id} {values}</source>
        <translation>无法检查该输入：{id} {values}</translation>
    </message>
    <message>
        <location filename="../../processing/reserve_fields.py"/>
        <source>{n} zones give a reserve id that no reserve has: {values}. They are reported as findings.</source>
        <translation>{n} 个功能分区的保护地代码无对应保护地：{values}。已作为问题报告。</translation>
    </message>
    <message>
        <location filename="../../processing/reserve_fields.py"/>
        <source>{n} reserves have no zones: {values}. They are reported as findings.</source>
        <translation>{n} 个保护地没有功能分区：{values}。已作为问题报告。</translation>
    </message>
    <message>
        <location filename="../../processing/reserve_fields.py"/>
        <source>Core zone (核心区)</source>
        <translation>核心区</translation>
    </message>
    <message>
        <location filename="../../processing/reserve_fields.py"/>
        <source>Buffer zone (缓冲区)</source>
        <translation>缓冲区</translation>
    </message>
    <message>
        <location filename="../../processing/reserve_fields.py"/>
        <source>Experimental zone (实验区)</source>
        <translation>实验区</translation>
    </message>
    <message>
        <location filename="../../processing/reserve_fields.py"/>
        <source>Core protection zone (核心保护区)</source>
        <translation>核心保护区</translation>
    </message>
    <message>
        <location filename="../../processing/reserve_fields.py"/>
        <source>General control zone (一般控制区)</source>
        <translation>一般控制区</translation>
    </message>
    <message>
        <location filename="../../processing/reserve_fields.py"/>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Zones</source>
        <translation>功能分区</translation>
    </message>
    <message>
        <location filename="../../processing/reserve_fields.py"/>
        <source>No zones</source>
        <translation>无功能区</translation>
    </message>
    <message>
        <location filename="../../processing/reserve_fields.py"/>
        <source>Three-zone system</source>
        <translation>三区制</translation>
    </message>
    <message>
        <location filename="../../processing/reserve_fields.py"/>
        <source>Two-zone system</source>
        <translation>两区制</translation>
    </message>
    <message>
        <location filename="../../processing/reserve_fields.py"/>
        <source>Mixed systems</source>
        <translation>两种分区混用</translation>
    </message>
    <message>
        <location filename="../../processing/reserve_fields.py"/>
        <source>Passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>Spatial layout constraints (空间布局约束)</source>
        <translation>空间布局约束（空间布局约束）</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>Pollutant discharge control (污染物排放管控)</source>
        <translation>污染物排放管控（污染物排放管控）</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>Environmental risk prevention (环境风险防控)</source>
        <translation>环境风险防控（环境风险防控）</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>Resource use efficiency (资源开发效率要求)</source>
        <translation>资源开发效率要求（资源开发效率要求）</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>Remark (备注)</source>
        <translation>备注（备注）</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>The site enters the ecological protection red line or a protected area's core zone: it conflicts with the control requirements and should be moved.</source>
        <translation>选址进入生态保护红线或自然保护地核心保护区：与管控要求冲突，应调整选址。</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>The site touches a priority protection unit: development there is strictly limited; check the unit's rules below one by one.</source>
        <translation>选址涉及优先保护单元：开发建设受到严格限制，请逐条核对下列单元条款。</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>The site lies in key control units: it is allowed if it meets the pollutant, risk and efficiency requirements below.</source>
        <translation>选址位于重点管控单元：满足下列污染物排放、风险防控和资源效率要求的可以准入。</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>The site lies in general control units: the general requirements below apply.</source>
        <translation>选址位于一般管控单元：适用下列一般管控要求。</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>The class of a unit the site touches is unknown: check the unit layer.</source>
        <translation>选址涉及的某个单元分类未知：请检查单元图层。</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>{m} m</source>
        <translation>{m} 米</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>point</source>
        <translation>点</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>Project siting assessment (项目选址分析)</source>
        <translation>项目选址分析（项目选址分析）</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>Sites</source>
        <translation>选址数</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>Site layers</source>
        <translation>选址图层</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <location filename="../../processing/algorithms/units_check.py"/>
        <location filename="../../processing/algorithms/units_code.py"/>
        <location filename="../../processing/algorithms/units_generate.py"/>
        <source>Control units</source>
        <translation>环境管控单元</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>Access list</source>
        <translation>准入清单</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>{n} rows from {sources}</source>
        <translation>{n} 行，来自 {sources}</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>none given</source>
        <translation>未提供</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <location filename="../../processing/algorithms/human_activity.py"/>
        <location filename="../../processing/algorithms/protected_area_overlaps.py"/>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Red line</source>
        <translation>生态保护红线</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>checked</source>
        <translation>已检查</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>not given</source>
        <translation>未提供</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>Protected-area core zones</source>
        <translation>自然保护地核心区</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <location filename="../../processing/algorithms/human_activity.py"/>
        <location filename="../../processing/algorithms/protected_area_overlaps.py"/>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>CRS</source>
        <translation>坐标参考系</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>outside every unit</source>
        <translation>位于所有单元之外</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>Site</source>
        <translation>选址</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Units</source>
        <translation>单元数</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>Site {site}</source>
        <translation>选址 {site}</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>Industry: {industry}</source>
        <translation>行业：{industry}</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>Control units the site lies in</source>
        <translation>选址所在的管控单元</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>Unit code</source>
        <translation>单元编码</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>Unit name</source>
        <translation>单元名称</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Class</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>Length or area</source>
        <translation>长度或面积</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>Share of the site</source>
        <translation>占选址比例</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>Access-list rules of unit {code}</source>
        <translation>单元 {code} 的准入清单条款</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>No access-list rule found for this unit.</source>
        <translation>未找到该单元的准入清单条款。</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>Dimension</source>
        <translation>维度</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>Requirement</source>
        <translation>要求</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>priority</source>
        <translation>优先保护</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>key</source>
        <translation>重点管控</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>general</source>
        <translation>一般管控</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>red line</source>
        <translation>生态保护红线</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>core zone</source>
        <translation>核心保护区</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>site</source>
        <translation>选址</translation>
    </message>
    <message>
        <location filename="../../processing/siting_report.py"/>
        <source>Other findings</source>
        <translation>其他问题</translation>
    </message>
    <message>
        <location filename="../../processing/text_delineation.py"/>
        <location filename="../../processing/text_reserves.py"/>
        <location filename="../../processing/text_units.py"/>
        <source>Invalid geometry in an input layer</source>
        <translation>输入图层中的无效几何</translation>
    </message>
    <message>
        <location filename="../../processing/text_delineation.py"/>
        <source>Protected area overlaps a layer to deduct</source>
        <translation>自然保护地与需扣除图层重叠</translation>
    </message>
    <message>
        <location filename="../../processing/text_delineation.py"/>
        <source>Area deducted from the candidate</source>
        <translation>从候选红线中扣除的面积</translation>
    </message>
    <message>
        <location filename="../../processing/text_delineation.py"/>
        <source>Candidate overlaps a conflict layer (report only)</source>
        <translation>候选红线与冲突图层重叠（仅报告）</translation>
    </message>
    <message>
        <location filename="../../processing/text_delineation.py"/>
        <source>Fragment removed</source>
        <translation>已删除碎图斑</translation>
    </message>
    <message>
        <location filename="../../processing/text_delineation.py"/>
        <source>Small hole filled</source>
        <translation>已填充小孔洞</translation>
    </message>
    <message>
        <location filename="../../processing/text_delineation.py"/>
        <source>Candidate to add to the red line</source>
        <translation>拟新增红线候选</translation>
    </message>
    <message>
        <location filename="../../processing/text_delineation.py"/>
        <source>Invalid geometry in a compared layer</source>
        <translation>对比图层中的无效几何</translation>
    </message>
    <message>
        <location filename="../../processing/text_delineation.py"/>
        <source>Feature without geometry in a compared version</source>
        <translation>对比版本中的要素没有几何</translation>
    </message>
    <message>
        <location filename="../../processing/text_delineation.py"/>
        <source>Change not counted: the other version has no geometry</source>
        <translation>变化未计入：另一版本没有几何</translation>
    </message>
    <message>
        <location filename="../../processing/text_delineation.py"/>
        <source>Removal with no stated reason</source>
        <translation>调出无理由</translation>
    </message>
    <message>
        <location filename="../../processing/text_delineation.py"/>
        <source>Removal with a stated reason</source>
        <translation>调出有理由</translation>
    </message>
    <message>
        <location filename="../../processing/text_delineation.py"/>
        <location filename="../../processing/text_reserves.py"/>
        <location filename="../../processing/text_units.py"/>
        <source>Feature {fid} of {layer} is invalid: {detail}. A repaired copy was used.</source>
        <translation>{layer} 的要素 {fid} 无效：{detail}。已使用修复后的副本。</translation>
    </message>
    <message>
        <location filename="../../processing/text_delineation.py"/>
        <source>Protected area {fid} of {layer} overlaps {other_layer} feature {other_fid} by {area}. The protected area is kept whole in the candidate, so the three control lines overlap here: adjust the farmland or boundary, or the protected area, before delivery.</source>
        <translation>{layer} 的自然保护地 {fid} 与 {other_layer} 要素 {other_fid} 重叠 {area}。自然保护地在候选红线中完整保留，因此此处三条控制线重叠：请在成果提交前调整耕地或边界，或调整自然保护地。</translation>
    </message>
    <message>
        <location filename="../../processing/text_delineation.py"/>
        <source>{area} of the candidate was deducted where it overlaps {other_layer} feature {other_fid}.</source>
        <translation>候选红线与 {other_layer} 要素 {other_fid} 重叠的 {area} 已扣除。</translation>
    </message>
    <message>
        <location filename="../../processing/text_delineation.py"/>
        <source>Candidate patch {fid} overlaps {other_layer} feature {other_fid} by {area}. Deduct it, or record the permitted-activity category (142号) that allows it.</source>
        <translation>候选图斑 {fid} 与 {other_layer} 要素 {other_fid} 重叠 {area}。请扣除，或记录允许该活动的类别（142号文）。</translation>
    </message>
    <message>
        <location filename="../../processing/text_delineation.py"/>
        <source>A fragment of {area} (below {threshold} m²) was removed from the candidate.</source>
        <translation>已从候选红线中删除 {area} 的碎图斑（小于 {threshold} m²）。</translation>
    </message>
    <message>
        <location filename="../../processing/text_delineation.py"/>
        <source>A hole of {area} (below {threshold} m²) in candidate patch {fid} was filled.</source>
        <translation>候选图斑 {fid} 中 {area} 的孔洞（小于 {threshold} m²）已填充。</translation>
    </message>
    <message>
        <location filename="../../processing/text_delineation.py"/>
        <source>Candidate patch {fid} ({detail}) covers {area} outside the existing red line, above {threshold} m²: a candidate to add.</source>
        <translation>候选图斑 {fid}（{detail}）在现有红线外面积为 {area}，大于 {threshold} m²：拟新增候选。</translation>
    </message>
    <message>
        <location filename="../../processing/text_delineation.py"/>
        <source>Feature {fid} of {layer} is invalid: {detail}. A repaired copy was compared.</source>
        <translation>{layer} 的要素 {fid} 几何无效：{detail}。已使用修复后的副本进行对比。</translation>
    </message>
    <message>
        <location filename="../../processing/text_delineation.py"/>
        <source>Feature {fid} of {layer} has no geometry: it is left out of the comparison. Restore its geometry, or delete the feature, and compare again.</source>
        <translation>{layer} 的要素 {fid} 没有几何，未参与对比。请恢复其几何或删除该要素后重新对比。</translation>
    </message>
    <message>
        <location filename="../../processing/text_delineation.py"/>
        <source>Feature {fid} of {layer} ({area}, id {detail}) is not counted as added or removed: its version {other_fid} in {other_layer} has no geometry, so what changed is unknown. Restore that geometry and compare again.</source>
        <translation>{layer} 的要素 {fid}（{area}，标识 {detail}）未计为新增或调出：它在 {other_layer} 中的对应要素 {other_fid} 没有几何，变化情况未知。请恢复该几何后重新对比。</translation>
    </message>
    <message>
        <location filename="../../processing/text_delineation.py"/>
        <source>{area} of old red-line patch {fid} was removed (county {detail}) with no stated reason: reason layers cover {value:.1f} %. Explain the removal or restore it.</source>
        <translation>旧版红线图斑 {fid} 调出 {area}（县 {detail}），无调出理由：理由图层覆盖 {value:.1f} %。请说明调出理由或恢复该区域。</translation>
    </message>
    <message>
        <location filename="../../processing/text_delineation.py"/>
        <source>{area} of old red-line patch {fid} was removed; it overlaps {detail} ({value:.1f} % covered).</source>
        <translation>旧版红线图斑 {fid} 调出 {area}；与 {detail} 重叠（覆盖 {value:.1f} %）。</translation>
    </message>
    <message>
        <location filename="../../processing/text_exceptions.py"/>
        <source>Accepted exception matches no finding any more</source>
        <translation>已接受的例外已无对应问题</translation>
    </message>
    <message>
        <location filename="../../processing/text_exceptions.py"/>
        <source>The exception accepted for feature {fid} of {layer} matches no finding of this run any more (the feature was fixed, moved or deleted). Remove it from ecospace_exceptions.gpkg, or accept the new finding.</source>
        <translation>为 {layer} 的要素 {fid} 接受的例外在本次运行中已无对应问题（要素已修改、移动或删除）。请从 ecospace_exceptions.gpkg 中删除该例外，或对新问题重新接受例外。</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <location filename="../../processing/text_reserves.py"/>
        <source>Null or empty geometry</source>
        <translation>几何缺失或为空</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <location filename="../../processing/text_reserves.py"/>
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
        <location filename="../../processing/text_reserves.py"/>
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
        <location filename="../../processing/text_units.py"/>
        <source>Strip along a county line: the layers disagree on the line</source>
        <translation>沿县（区）界的窄条：两图层对界线位置认定不一致</translation>
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
        <location filename="../../processing/text_reserves.py"/>
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
        <source>Patch {fid} extends {area} into county {detail}. Split it at the county boundary so each county's ledger holds its own part, unless it is only a strip along the line from a county layer on another datum or scale: then raise BOUNDARY_NOISE_WIDTH instead.</source>
        <translation>图斑 {fid} 有 {area} 伸入县（区）{detail}。请沿县（区）界切分，使各县（区）台账只包含本县（区）范围内的部分；但若这只是县界图层坐标系（基准）或比例尺不同造成的沿界窄条，则不要切分，应调大 BOUNDARY_NOISE_WIDTH。</translation>
    </message>
    <message>
        <location filename="../../processing/text_redline.py"/>
        <source>Patch {fid} reaches {area} into county {detail}, but only as a strip within {threshold:g} m of the county line: the red line and the county layer disagree on where the line runs. The county layer may be on another datum (county layers from web maps are GCJ-02, shifted a few hundred metres) or at another scale. Do not split the patch for this; check the county layer's source.</source>
        <translation>图斑 {fid} 有 {area} 伸入县（区）{detail}，但只是距县界 {threshold:g} m 以内的沿界窄条：红线与县界图层对界线位置的认定不一致。县界图层可能采用了其他坐标系（来自网络地图的县界多为 GCJ-02，偏移数百米）或其他比例尺。不要因此切分图斑；请核实县界图层的来源。</translation>
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
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Reserve without an id</source>
        <translation>保护地无代码</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Duplicate reserve id</source>
        <translation>保护地代码重复</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Zone whose reserve id matches no reserve</source>
        <translation>功能分区的保护地代码无对应保护地</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Unknown zone name</source>
        <translation>功能分区名称无法识别</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Reserve without zones</source>
        <translation>保护地无功能分区</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Three-zone and two-zone names mixed in one reserve</source>
        <translation>同一保护地混用三区与两区名称</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Gap between the zones of a reserve</source>
        <translation>保护地功能分区之间有缝隙</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Zones of a reserve overlap</source>
        <translation>保护地功能分区相互重叠</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Zone outside its reserve</source>
        <translation>功能分区超出所属保护地</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Core zone not surrounded by the buffer zone</source>
        <translation>核心区未被缓冲区包围</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Experimental zone inside the buffer zone</source>
        <translation>实验区位于缓冲区内</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Core zone on the reserve's outer edge</source>
        <translation>核心区位于保护地外边界</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Core protection zone below its share of a national park</source>
        <translation>国家公园核心保护区比例偏低</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Core zone below its share</source>
        <translation>核心区比例偏低</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Experimental zone above its share</source>
        <translation>实验区比例偏高</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Declared area differs from the ellipsoidal area</source>
        <translation>申报面积与椭球面积不符</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Level or type value not recognised</source>
        <translation>级别或类型值无法识别</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Protected areas overlap</source>
        <translation>自然保护地相互重叠</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Human activity in a core, buffer or core protection zone</source>
        <translation>人类活动位于核心区、缓冲区或核心保护区</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Human activity in a general control or experimental zone</source>
        <translation>人类活动位于一般控制区或实验区</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Human activity in a reserve without a zone there</source>
        <translation>人类活动位于保护地内未分区处</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Human activity in the red line outside protected areas</source>
        <translation>人类活动位于保护地外的生态保护红线内</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Feature {fid} of {layer} is invalid: {detail}. The checks used a repaired copy; fix the geometry (e.g. Fix Geometries).</source>
        <translation>{layer} 的要素 {fid} 几何无效：{detail}。检查使用了修复后的副本；请修复几何（如“修复几何”工具）。</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Reserve {fid} has no id, so no zone can belong to it. Fill the id field.</source>
        <translation>保护地 {fid} 无代码，任何功能分区都无法归属于它。请填写代码字段。</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Reserve {fid} repeats the id {detail} of reserve {other_fid}. Ids must be unique; the zones were joined to reserve {other_fid}.</source>
        <translation>保护地 {fid} 与保护地 {other_fid} 的代码 {detail} 重复。代码必须唯一；功能分区已归入保护地 {other_fid}。</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Zone {fid} gives the reserve id {detail}, which no reserve has. Correct the id or add the reserve.</source>
        <translation>功能分区 {fid} 的保护地代码 {detail} 无对应保护地。请更正代码或补充该保护地。</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Zone {fid} has the zone name '{detail}', which no mapping knows. Add it to the zone value mapping (e.g. '{detail}=core').</source>
        <translation>功能分区 {fid} 的名称“{detail}”无法识别。请在功能分区值映射中添加（如 '{detail}=core'）。</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Reserve {fid} ({detail}) has no zones. Zone it, or check the reserve id fields.</source>
        <translation>保护地 {fid}（{detail}）没有功能分区。请补充分区，或检查保护地代码字段。</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Reserve {fid} mixes the three-zone and the two-zone system ({detail}). Use one system: core + buffer → core protection zone, experimental → general control zone.</source>
        <translation>保护地 {fid} 混用三区制与两区制（{detail}）。请统一为一种分区体系：核心区 + 缓冲区 → 核心保护区，实验区 → 一般控制区。</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Reserve {fid} has {area} that no zone covers. Zones must tile the reserve.</source>
        <translation>保护地 {fid} 有 {area} 未被任何功能分区覆盖。功能分区应完整覆盖保护地。</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Zones {fid} and {other_fid} of one reserve overlap by {area}. Remove the overlap from one of them.</source>
        <translation>同一保护地的功能分区 {fid} 与 {other_fid} 重叠 {area}。请从其中一个分区中去除重叠部分。</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Zone {fid} extends {area} outside its reserve {other_fid}. Clip it to the reserve boundary, or correct the reserve.</source>
        <translation>功能分区 {fid} 超出所属保护地 {other_fid} 共 {area}。请按保护地边界裁剪，或更正保护地边界。</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>The core zone of reserve {fid} touches the experimental zone over {value:.1f} m: the buffer zone should surround the core.</source>
        <translation>保护地 {fid} 的核心区与实验区相接 {value:.1f} 米：缓冲区应包围核心区。</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Reserve {fid} has {area} of experimental zone enclosed by the core and buffer zones. The experimental zone should lie outside the buffer.</source>
        <translation>保护地 {fid} 有 {area} 实验区被核心区和缓冲区包围。实验区应位于缓冲区外围。</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>The core zone of reserve {fid} lies on the reserve's outer edge over {value:.1f} m. Check that a natural barrier protects it there.</source>
        <translation>保护地 {fid} 的核心区有 {value:.1f} 米位于保护地外边界上。请核实该处有天然屏障。</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>The core protection zone is {value:.1f} % of national park {fid}, below {threshold:.1f} % (an unverified rule).</source>
        <translation>国家公园 {fid} 的核心保护区占 {value:.1f}%，低于 {threshold:.1f}%（未经核实的规则）。</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>The core zone is {value:.1f} % of reserve {fid}, below {threshold:.1f} % (an unverified rule).</source>
        <translation>保护地 {fid} 的核心区占 {value:.1f}%，低于 {threshold:.1f}%（未经核实的规则）。</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>The experimental zone is {value:.1f} % of reserve {fid}, above {threshold:.1f} % (an unverified rule).</source>
        <translation>保护地 {fid} 的实验区占 {value:.1f}%，高于 {threshold:.1f}%（未经核实的规则）。</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Reserve {fid} declares {value:.2f} m² in field {detail}, but its ellipsoidal area is {threshold:.2f} m².</source>
        <translation>保护地 {fid} 的字段 {detail} 申报面积为 {value:.2f} 平方米，但其椭球面积为 {threshold:.2f} 平方米。</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Protected area {fid} has the level or type '{detail}', which is not recognised, so no keeper can be suggested from it.</source>
        <translation>自然保护地 {fid} 的级别或类型“{detail}”无法识别，无法据此建议保留方。</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Protected areas {fid} and {other_fid} overlap by {area}: {detail}. Integrate them so that each place belongs to one protected area.</source>
        <translation>自然保护地 {fid} 与 {other_fid} 重叠 {area}：{detail}。请整合优化，使每处只属于一个自然保护地。</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Protected area {fid} lies outside the red line over {area}. Every protected area must lie wholly inside the red line.</source>
        <translation>自然保护地 {fid} 有 {area} 位于生态保护红线外。自然保护地应全部划入生态保护红线。</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Feature {fid} of {layer} has no geometry and was skipped.</source>
        <translation>{layer} 的要素 {fid} 无几何，已跳过。</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Activity {fid} lies in zone {other_fid}: {detail}. Human activity is prohibited there in principle: verify it on site and stop or remove it.</source>
        <translation>人类活动 {fid} 位于功能分区 {other_fid}：{detail}。该区原则上禁止人为活动：请实地核查并制止或清理。</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Activity {fid} lies in zone {other_fid}: {detail}. Verify that it is a permitted limited activity (自然资发〔2022〕142号).</source>
        <translation>人类活动 {fid} 位于功能分区 {other_fid}：{detail}。请核实是否属于允许的有限人为活动（自然资发〔2022〕142号）。</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Activity {fid} lies in reserve {other_fid}, where no zone covers it. Zone the reserve, then verify the activity.</source>
        <translation>人类活动 {fid} 位于保护地 {other_fid} 内未分区处。请先补充功能分区，再核查该活动。</translation>
    </message>
    <message>
        <location filename="../../processing/text_reserves.py"/>
        <source>Activity {fid} lies in red-line patch {other_fid}{detail}. Verify that it is a permitted limited activity (自然资发〔2022〕142号).</source>
        <translation>人类活动 {fid} 位于生态保护红线图斑 {other_fid}{detail}。请核实是否属于允许的有限人为活动（自然资发〔2022〕142号）。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Administrative code is not a county code</source>
        <translation>行政区代码不是县级代码</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Administrative polygons overlap</source>
        <translation>行政区面相互重叠</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Units below the minimum area kept</source>
        <translation>保留的小于最小面积的单元</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>More than 9999 units of one class in a county</source>
        <translation>同一县同一类别的单元超过 9999 个</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Priority area in a key or general unit</source>
        <translation>重点或一般管控单元中含优先保护区域</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Unit code assigned or changed</source>
        <translation>单元编码已赋予或修改</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Unit without geometry</source>
        <translation>单元无几何</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Invalid unit geometry</source>
        <translation>单元几何无效</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Unit field missing</source>
        <translation>单元字段缺失</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Unit name empty</source>
        <translation>单元名称为空</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Unit class is not 1, 2 or 3</source>
        <translation>单元分类不是 1、2 或 3</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Unit code is not ZH + 6 + 1 + 4 digits</source>
        <translation>单元编码不符合 ZH + 6 + 1 + 4 位</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Class digit of the code differs from the class</source>
        <translation>编码分类位与分类不一致</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>County digits of the code differ from the county holding the unit</source>
        <translation>编码县级代码与单元所在县不一致</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Sequence repeated within county and class</source>
        <translation>同县同类顺序码重复</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Units overlap</source>
        <translation>单元相互重叠</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Gap between units</source>
        <translation>单元之间有缝隙</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Unit outside the study area</source>
        <translation>单元超出研究区</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Unit crosses a county line</source>
        <translation>单元跨县界</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Red line inside a key or general unit</source>
        <translation>重点或一般管控单元内有生态保护红线</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Class disagrees with the factor layers</source>
        <translation>分类与要素图层不一致</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Access-list field empty</source>
        <translation>准入清单字段为空</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Site without geometry</source>
        <translation>选址无几何</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Invalid geometry in a siting input</source>
        <translation>选址分析输入中的无效几何</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Site enters the ecological protection red line</source>
        <translation>选址进入生态保护红线</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Site enters a protected area's core zone</source>
        <translation>选址进入自然保护地核心保护区</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Site (or part of it) outside every control unit</source>
        <translation>选址（或其部分）位于所有管控单元之外</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Access list names an unknown unit code</source>
        <translation>准入清单含不存在的单元编码</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Feature {fid} of {layer} is invalid: {detail}. A repaired copy was used; fix the geometry (e.g. Fix Geometries) in the source.</source>
        <translation>{layer} 的要素 {fid} 无效：{detail}。已使用修复后的副本；请在源数据中修复几何（如“修复几何”工具）。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Feature {fid} of {layer} has the code '{detail}', which is not a 6-digit county code (nor a 9- or 12-digit township code starting with one). Its units have no code: correct the code field.</source>
        <translation>{layer} 的要素 {fid} 的代码为“{detail}”，不是 6 位县级代码（也不是以县级代码开头的 9 位或 12 位乡镇代码）。其单元没有编码：请修正代码字段。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Administrative polygons {fid} and {other_fid} overlap by {area}. The units made from them overlap too: fix the administrative layer.</source>
        <translation>行政区面 {fid} 与 {other_fid} 重叠 {area}。由其生成的单元也会重叠：请修正行政区图层。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>{detail}: {value:.0f} units below {threshold:,.0f} m² are kept, {area} in all: none has a neighbour it may merge into (same class, same county; priority area never joins another class). To review them, sort the unit layer by area: the smallest may be slivers where the factor layers do not match.</source>
        <translation>{detail}：{value:.0f} 个单元面积小于 {threshold:,.0f} 平方米，予以保留，合计 {area}：均无可并入的相邻单元（同类、同县；优先保护区域不并入其他类别）。如需逐一复核，请在单元图层中按面积排序：最小的可能是要素图层边界不一致造成的细碎图斑。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Unit {fid}: county {detail} has more than 9999 units of this class, so the 4-digit sequence cannot number it. It has no code.</source>
        <translation>单元 {fid}：县 {detail} 的该类单元超过 9999 个，4 位顺序号无法编号，该单元没有编码。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Unit {fid} holds {area} of priority factors ({value:.2f} % of the unit, below {threshold} %), but is not a priority unit. Consider splitting it or the overlay method.</source>
        <translation>单元 {fid} 含优先保护要素 {area}（占单元 {value:.2f} %，低于 {threshold} %），但不是优先保护单元。可考虑拆分该单元或改用叠加法。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Unit {fid}: code {detail}.</source>
        <translation>单元 {fid}：编码 {detail}。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Unit {fid} has no geometry. Draw it or delete the feature.</source>
        <translation>单元 {fid} 没有几何。请绘制或删除该要素。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Unit {fid} is invalid: {detail}. The checks used a repaired copy; fix the geometry (e.g. Fix Geometries) before delivery.</source>
        <translation>单元 {fid} 无效：{detail}。检查使用了修复后的副本；交付前请修复几何（如“修复几何”）。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>The unit layer has no field {detail}. Add it, or map the right field in the algorithm's field parameters.</source>
        <translation>单元图层没有字段 {detail}。请添加该字段，或在算法的字段参数中映射正确的字段。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Field {detail} of unit {fid} is empty. Fill it.</source>
        <translation>单元 {fid} 的字段 {detail} 为空。请填写。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Unit {fid} has the class '{detail}'. A class is 1 (priority protection), 2 (key control) or 3 (general control).</source>
        <translation>单元 {fid} 的分类为“{detail}”。分类应为 1（优先保护）、2（重点管控）或 3（一般管控）。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Unit {fid} has the code '{detail}', which is not ZH + 6-digit county code + class digit 1/2/3 + 4-digit sequence (e.g. ZH44060620002).</source>
        <translation>单元 {fid} 的编码“{detail}”不符合 ZH + 6 位县级代码 + 分类位 1/2/3 + 4 位顺序码（如 ZH44060620002）。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Unit {fid}: the code {detail} carries class {value:.0f}, but the unit's class is {threshold:.0f}. Correct the code or the class.</source>
        <translation>单元 {fid}：编码 {detail} 的分类位为 {value:.0f}，但单元分类为 {threshold:.0f}。请更正编码或分类。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Unit {fid}: the county digits of its code differ from the county holding most of it (code → county: {detail}). Correct the code.</source>
        <translation>单元 {fid}：编码中的县级代码与单元大部分所在的县不一致（编码 → 所在县：{detail}）。请更正编码。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Unit {fid} repeats the code {detail} of unit {other_fid}: the sequence must be unique within county and class.</source>
        <translation>单元 {fid} 与单元 {other_fid} 的编码 {detail} 重复：同县同类的顺序码必须唯一。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Units {fid} and {other_fid} overlap by {area}. Units must not overlap: remove the overlap from one of them.</source>
        <translation>单元 {fid} 与 {other_fid} 重叠 {area}。单元不得重叠：请从其中一个单元中去除重叠部分。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>A gap of {area} between the units inside {other_layer} {other_fid}. Units must cover the study area: assign it to a unit.</source>
        <translation>{other_layer} {other_fid} 内单元之间有 {area} 的缝隙。单元必须覆盖研究区：请将其划入某个单元。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Unit {fid} reaches {area} beyond the study area. Clip it to the study area.</source>
        <translation>单元 {fid} 超出研究区 {area}。请按研究区裁剪。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Unit {fid} extends {area} into county {detail}. A unit lies in one county (its code carries one county code): split it at the county line.</source>
        <translation>单元 {fid} 伸入县 {detail} 达 {area}。一个单元只属于一个县（编码只含一个县级代码）：请沿县界拆分。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Unit {fid} reaches {area} into county {detail}, but only as a strip within {threshold:g} m of the county line: the units and the county layer disagree on where the line runs. The county layer may be on another datum (county layers from web maps are GCJ-02, shifted a few hundred metres) or at another scale. Do not split the unit for this; check the county layer's source.</source>
        <translation>单元 {fid} 有 {area} 伸入县（区）{detail}，但只是距县界 {threshold:g} m 以内的沿界窄条：管控单元与县界图层对界线位置的认定不一致。县界图层可能采用了其他坐标系（来自网络地图的县界多为 GCJ-02，偏移数百米）或其他比例尺。不要因此拆分单元；请核实县界图层的来源。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Unit {fid} (class {detail}) holds {area} of red-line patch {other_fid}. Red-line area must be in a priority protection unit.</source>
        <translation>单元 {fid}（分类 {detail}）含红线图斑 {other_fid} 的 {area}。生态保护红线区域必须划入优先保护单元。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Unit {fid}: the factor layers give another class (stored → fitted: {detail}; share {value:.1f} %, threshold {threshold:.0f} %). Check the class.</source>
        <translation>单元 {fid}：按要素图层应为另一分类（现值 → 拟合值：{detail}；占比 {value:.1f} %，阈值 {threshold:.0f} %）。请核对分类。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Empty access-list fields in unit {fid}: {detail}. Fill in the unit's requirements, or write 执行总体准入要求 if only the general list applies.</source>
        <translation>单元 {fid} 的准入清单字段为空：{detail}。请填写该单元的管控要求；如仅适用总体清单，可填“执行总体准入要求”。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Site {fid} has no geometry: it was not assessed.</source>
        <translation>选址 {fid} 没有几何：未参与分析。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Site {detail} enters the ecological protection red line (patch {other_fid}). Only the activities permitted by 自然资发〔2022〕142号 may take place there.</source>
        <translation>选址 {detail} 进入生态保护红线（图斑 {other_fid}）。红线内仅允许自然资发〔2022〕142号规定的活动。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Site {detail} enters the core zone {other_fid} of a protected area, where human activity is prohibited in principle. Move the site.</source>
        <translation>选址 {detail} 进入自然保护地核心保护区 {other_fid}，该区域原则上禁止人为活动。请调整选址。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Site {detail} lies outside every control unit: no unit's access list covers it. Check the site's position or the unit layer's extent.</source>
        <translation>选址 {detail} 位于所有管控单元之外：没有任何单元的准入清单覆盖它。请核对选址位置或单元图层范围。</translation>
    </message>
    <message>
        <location filename="../../processing/text_units.py"/>
        <source>Access list {layer} names the unit code {detail}, which is not in the unit layer: its rules apply to no site. Check the code.</source>
        <translation>准入清单 {layer} 中的单元编码 {detail} 不在单元图层中：其条款不适用于任何选址。请核对编码。</translation>
    </message>
    <message>
        <location filename="../../processing/unit_fields.py"/>
        <source>Output field: unit code (环境管控单元编码)</source>
        <translation>输出字段：单元编码（环境管控单元编码）</translation>
    </message>
    <message>
        <location filename="../../processing/unit_fields.py"/>
        <source>Output field: unit name (环境管控单元名称)</source>
        <translation>输出字段：单元名称（环境管控单元名称）</translation>
    </message>
    <message>
        <location filename="../../processing/unit_fields.py"/>
        <source>Output field: unit class 1/2/3 (管控单元分类)</source>
        <translation>输出字段：单元类别 1/2/3（管控单元分类）</translation>
    </message>
    <message>
        <location filename="../../processing/unit_fields.py"/>
        <source>Output field: province code (empty = none)</source>
        <translation>输出字段：省级代码（留空则不输出）</translation>
    </message>
    <message>
        <location filename="../../processing/unit_fields.py"/>
        <source>Output field: city code (empty = none)</source>
        <translation>输出字段：市级代码（留空则不输出）</translation>
    </message>
    <message>
        <location filename="../../processing/unit_fields.py"/>
        <source>Output field: county code (empty = none)</source>
        <translation>输出字段：县级代码（留空则不输出）</translation>
    </message>
    <message>
        <location filename="../../processing/unit_fields.py"/>
        <source>Output field: area in m² (empty = none)</source>
        <translation>输出字段：面积（平方米）（留空则不输出）</translation>
    </message>
    <message>
        <location filename="../../processing/unit_fields.py"/>
        <source>Output field: area in hectares 公顷 (empty = none)</source>
        <translation>输出字段：面积（公顷）（留空则不输出）</translation>
    </message>
    <message>
        <location filename="../../processing/unit_fields.py"/>
        <source>Output fields: access-list dimensions, comma-separated (empty = none)</source>
        <translation>输出字段：准入清单各维度，逗号分隔（留空则不输出）</translation>
    </message>
    <message>
        <location filename="../../processing/unit_fields.py"/>
        <source>{param} is empty: give the name of the field.</source>
        <translation>{param} 为空：请填写字段名。</translation>
    </message>
    <message>
        <location filename="../../processing/unit_fields.py"/>
        <source>Field names may not contain spaces, commas or quotes: {names}.</source>
        <translation>字段名不能包含空格、逗号或引号：{names}。</translation>
    </message>
    <message>
        <location filename="../../processing/unit_fields.py"/>
        <source>The field mapping names {names} more than once: give every output field its own name.</source>
        <translation>字段映射中 {names} 出现了不止一次：请为每个输出字段指定不同的名称。</translation>
    </message>
    <message>
        <location filename="../../processing/unit_fields.py"/>
        <source>The field mapping uses {names}, which the output already has for its own results ({reserved}): choose other names.</source>
        <translation>字段映射使用了 {names}，而输出已用这些名称存放自身结果（{reserved}）：请改用其他名称。</translation>
    </message>
    <message>
        <location filename="../../processing/unit_fields.py"/>
        <source>Priority protection unit (优先保护单元)</source>
        <translation>优先保护单元</translation>
    </message>
    <message>
        <location filename="../../processing/unit_fields.py"/>
        <source>Key control unit (重点管控单元)</source>
        <translation>重点管控单元</translation>
    </message>
    <message>
        <location filename="../../processing/unit_fields.py"/>
        <source>General control unit (一般管控单元)</source>
        <translation>一般管控单元</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/human_activity.py"/>
        <source> (142号 items to check: {items})</source>
        <translation>（需核实的 142号条目：{items}）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/human_activity.py"/>
        <source>{zone}; 142号 items to check: {items}</source>
        <translation>{zone}；需核实的 142号条目：{items}</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/human_activity.py"/>
        <source>Human activity in protected areas</source>
        <translation>自然保护地人类活动</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/human_activity.py"/>
        <source>Grades human activity (points or patches from the twice-yearly remote-sensing monitoring, 绿盾) by the ground it falls on. One finding per activity inside a protected area or the red line, graded by its worst ground: in a core zone, buffer zone or core protection zone it is an error (human activity is prohibited there in principle); in an experimental or general control zone it is a warning naming the 142号 permitted-activity items to verify (from the activity type: farming → 2, roads → 6, mining → 7…); in a reserve where no zone covers it, or in the red line (REDLINE) outside protected areas, a warning. A patch counts where more than MIN_AREA of it lies inside; the finding is the piece in that zone.&lt;br&gt;&lt;br&gt;With PREVIOUS (the activities of an earlier date), only new activities and patches that grew by more than GROWTH_TOLERANCE are reported; the finding is the added part and 'value' holds the added m². A point within MATCH_DISTANCE of an earlier activity is not new.&lt;br&gt;&lt;br&gt;SUMMARY counts the reported activities per reserve, zone and activity type.&lt;br&gt;&lt;br&gt;{zones}&lt;br&gt;&lt;br&gt;Invalid patches are reported and repaired copies are used. Every layer is reprojected to the CRS of ACTIVITIES when it differs. Inputs are never modified.</source>
        <translation>按所在位置对人类活动（“绿盾”每年两次遥感监测的点位或图斑）分级。位于自然保护地或生态保护红线内的每个活动报告一条问题，按其所在最严格的区域分级：位于核心区、缓冲区或核心保护区为错误（原则上禁止人为活动）；位于实验区或一般控制区为警告，并列出需核实的 142号允许活动条目（由活动类型推断：农田 → 2，道路 → 6，采矿 → 7…）；位于保护地内未分区处，或位于保护地外的生态保护红线（REDLINE）内，为警告。图斑在某区内面积超过 MIN_AREA 才计入该区；问题几何为该区内的部分。&lt;br&gt;&lt;br&gt;给定 PREVIOUS（上期活动）时，只报告新增活动以及扩大超过 GROWTH_TOLERANCE 的图斑；问题几何为新增部分，“value”为新增面积（平方米）。与上期活动相距不超过 MATCH_DISTANCE 的点不算新增。&lt;br&gt;&lt;br&gt;SUMMARY 按保护地、功能分区和活动类型统计所报告的活动。&lt;br&gt;&lt;br&gt;{zones}&lt;br&gt;&lt;br&gt;无效图斑会被报告并使用修复后的副本。各图层与 ACTIVITIES 坐标系不同时会重投影。不会修改输入数据。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/human_activity.py"/>
        <source>Human activity (points or patches)</source>
        <translation>人类活动（点位或图斑）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/human_activity.py"/>
        <source>Activity type field (optional)</source>
        <translation>活动类型字段（可选）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/human_activity.py"/>
        <source>Activity date field (optional)</source>
        <translation>监测日期字段（可选）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/human_activity.py"/>
        <location filename="../../processing/algorithms/protected_area_overlaps.py"/>
        <source>Ecological protection red line (optional)</source>
        <translation>生态保护红线（可选）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/human_activity.py"/>
        <source>Activities of an earlier date (optional: report only new or grown ones)</source>
        <translation>上期人类活动（可选：只报告新增或扩大的活动）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/human_activity.py"/>
        <source>Area of a patch inside a zone below which it does not count there (m²)</source>
        <translation>图斑在分区内面积小于此值时不计入该区（平方米）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/human_activity.py"/>
        <source>Growth since the earlier date below which a patch is unchanged (m²)</source>
        <translation>图斑较上期扩大小于此值时视为未变化（平方米）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/human_activity.py"/>
        <source>Distance within which a point matches an earlier activity (m)</source>
        <translation>点位与上期活动相距在此距离内视为同一活动（米）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/human_activity.py"/>
        <source>Human activity findings</source>
        <translation>人类活动问题</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/human_activity.py"/>
        <source>Activities per reserve, zone and type</source>
        <translation>按保护地、分区和类型的活动统计</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/human_activity.py"/>
        <location filename="../../processing/algorithms/protected_area_overlaps.py"/>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <location filename="../../processing/algorithms/redline_compare.py"/>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <location filename="../../processing/algorithms/units_check.py"/>
        <location filename="../../processing/algorithms/units_generate.py"/>
        <source>Working CRS: {crs}. Areas are ellipsoidal on CGCS2000.</source>
        <translation>工作坐标参考系：{crs}。面积为基于 CGCS2000 椭球的椭球面积。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/human_activity.py"/>
        <source>RESERVES and ZONES must both hold features: there is nothing to grade the activities by.</source>
        <translation>RESERVES 和 ZONES 都必须包含要素：没有可用于分级的区域。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/human_activity.py"/>
        <location filename="../../processing/algorithms/protected_area_overlaps.py"/>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <location filename="../../processing/algorithms/redline_compare.py"/>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <location filename="../../processing/algorithms/units_check.py"/>
        <location filename="../../processing/algorithms/units_classify.py"/>
        <location filename="../../processing/algorithms/units_code.py"/>
        <location filename="../../processing/algorithms/units_generate.py"/>
        <source>Writing outputs</source>
        <translation>正在写出结果</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/human_activity.py"/>
        <source>Activities per reserve</source>
        <translation>按保护地的活动统计</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/human_activity.py"/>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Reserves</source>
        <translation>保护地</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/human_activity.py"/>
        <source>Activities</source>
        <translation>人类活动</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/human_activity.py"/>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Reserve</source>
        <translation>保护地</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/human_activity.py"/>
        <source>Zone</source>
        <translation>功能分区</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/human_activity.py"/>
        <source>Activity type</source>
        <translation>活动类型</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/human_activity.py"/>
        <source>Outside the zones</source>
        <translation>功能区外</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <source>Extremely important (极重要)</source>
        <translation>极重要</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <source>Important (重要)</source>
        <translation>重要</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <source>Generally important (一般重要)</source>
        <translation>一般重要</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <source>{name} must be numbers separated by commas, e.g. 50,80 (got '{text}').</source>
        <translation>{name} 必须是以逗号分隔的数字，例如 50,80（当前为“{text}”）。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <source>BREAKS are cumulative percentages: each must lie between 0 and 100, exclusive (got '{text}').</source>
        <translation>BREAKS 为累计百分比：每个值必须大于 0 且小于 100（当前为“{text}”）。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <source>{name} must increase from left to right, e.g. 50,80 (got '{text}').</source>
        <translation>{name} 必须从左到右递增，例如 50,80（当前为“{text}”）。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <source>{name} needs exactly {count} numbers (got '{text}').</source>
        <translation>{name} 需要恰好 {count} 个数字（当前为“{text}”）。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <source>FACTOR_BREAKS: '{group}' is not a factor group. Write one group per factor, separated by ';', each as name:first,second, e.g. rainfall:100,600;relief:50,300;cover:0.6,0.2.</source>
        <translation>FACTOR_BREAKS：“{group}”不是有效的因子组。每个因子写一组，用“;”分隔，格式为 名称:第一分界,第二分界，例如 rainfall:100,600;relief:50,300;cover:0.6,0.2。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <source>Raster '{layer}' has no valid cell: every cell is NoData (or NaN) on the grid of the first raster. Check the band and the NoData value, and that the raster covers the first raster's extent.</source>
        <translation>栅格“{layer}”没有有效像元：在第一个栅格的格网上所有像元均为 NoData（或 NaN）。请检查波段和 NoData 值，并确认该栅格覆盖第一个栅格的范围。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <source>The valid cells of raster '{layer}' add up to {total:g}: cumulative breaks need a positive total value.</source>
        <translation>栅格“{layer}”有效像元的总值为 {total:g}：累加分级需要正的总值。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <location filename="../../ui/jobs.py"/>
        <source>Ecosystem-service importance grading</source>
        <translation>生态系统服务重要性分级</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <source>Grades ecosystem-service rasters (water conservation, biodiversity maintenance, soil conservation, windbreak and sand fixation, coastal protection) into 3 = extremely important (极重要), 2 = important (重要) and 1 = generally important (一般重要), as in the red-line delineation guide.&lt;br&gt;&lt;br&gt;For each service the valid cells are sorted by value, from high to low, and their values accumulated. The break for 50 % is the value of the first cell at which the running total reaches 50 % of the total value; every cell with a value at or above it is extremely important. The 80 % break works the same way, and the remaining cells are generally important. The breaks are exact, yet the raster is read block by block, so rasters far larger than memory can be graded. NoData cells, and cells holding NaN or an infinite value, are ignored and stay NoData.&lt;br&gt;&lt;br&gt;The overall grade of a cell is its highest class across the services. Rasters on another grid are resampled to the first raster's grid (you are told). In a geographic CRS every cell is weighted by its ellipsoidal area (CGCS2000); in a projected CRS cells are taken as equal-area. The table lists the breaks and the ellipsoidal area of each class per service.&lt;br&gt;&lt;br&gt;BREAKS: cumulative percentages of the total value, increasing, between 0 and 100 (default 50,80). Outputs are GeoTIFFs (byte values 3, 2, 1; NoData 0) with a colour table and a QML style beside them.</source>
        <translation>按生态保护红线划定指南，将生态系统服务栅格（水源涵养、生物多样性维护、水土保持、防风固沙、海岸防护）分为 3 = 极重要、2 = 重要、1 = 一般重要。&lt;br&gt;&lt;br&gt;对每项服务，将有效像元按值从高到低排序并累加。50% 分界值是累加值首次达到总值 50% 时该像元的值；值大于或等于该分界值的像元均为极重要。80% 分界值同理，其余像元为一般重要。分界值是精确的，但栅格按块读取，因此远大于内存的栅格也能分级。NoData 像元以及值为 NaN 或无穷大的像元不参与计算，输出中仍为 NoData。&lt;br&gt;&lt;br&gt;像元的综合等级取其在各项服务中的最高等级。格网不同的栅格会重采样到第一个栅格的格网（并给出提示）。在地理坐标系中，每个像元按其椭球面积（CGCS2000）加权；在投影坐标系中，像元视为等面积。表格列出每项服务的分界值和各等级的椭球面积。&lt;br&gt;&lt;br&gt;BREAKS：总值的累计百分比，递增，介于 0 和 100 之间（默认 50,80）。输出为 GeoTIFF（字节值 3、2、1；NoData 为 0），带颜色表，并在旁边附 QML 样式。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <source>Ecosystem-service rasters</source>
        <translation>生态系统服务栅格</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <location filename="../../processing/algorithms/sensitivity_grade.py"/>
        <source>Band of each raster</source>
        <translation>各栅格使用的波段</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <source>Breaks: cumulative percentages of the total value</source>
        <translation>分界：总值的累计百分比</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <source>Overall importance grade</source>
        <translation>综合重要性等级</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <source>Folder for a graded raster per service</source>
        <translation>各项服务分级栅格的输出文件夹</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <source>Breaks and class areas</source>
        <translation>分界值与各等级面积</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <source>Graded rasters per service</source>
        <translation>各项服务的分级栅格</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <source>Choose at least one ecosystem-service raster (SERVICES).</source>
        <translation>请至少选择一个生态系统服务栅格（SERVICES）。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <source>Grid of '{layer}', CRS {crs}; {how}.</source>
        <translation>采用“{layer}”的格网，坐标系 {crs}；{how}。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <source>cells are weighted by their ellipsoidal area</source>
        <translation>像元按椭球面积加权</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <source>cells are equal-area; table areas are ellipsoidal</source>
        <translation>像元视为等面积；表中面积为椭球面积</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <source>Finding the breaks of '{layer}'</source>
        <translation>正在计算“{layer}”的分界值</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <source>Raster '{layer}' has negative values (down to {min:g}); they lower its total value.</source>
        <translation>栅格“{layer}”含负值（最小 {min:g}），会降低其总值。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <source>'{layer}': {cells} valid cells; breaks {breaks}.</source>
        <translation>“{layer}”：{cells} 个有效像元；分界值 {breaks}。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <source>Importance breaks and areas</source>
        <translation>重要性分界值与面积</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <source>Importance grade</source>
        <translation>重要性等级</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/importance_grade.py"/>
        <source>Writing the graded rasters</source>
        <translation>正在写出分级栅格</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/protected_area_overlaps.py"/>
        <source>{a} and {b}; suggested keeper {k} (higher level)</source>
        <translation>{a} 与 {b}；建议由 {k} 保留（级别较高）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/protected_area_overlaps.py"/>
        <source>{a} and {b}; suggested keeper {k} (same level, stronger protection type)</source>
        <translation>{a} 与 {b}；建议由 {k} 保留（同级别，保护类型较强）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/protected_area_overlaps.py"/>
        <source>{a} and {b}; no keeper can be suggested (same or unknown level and type)</source>
        <translation>{a} 与 {b}；无法建议保留方（级别和类型相同或未知）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/protected_area_overlaps.py"/>
        <source>Protected-area overlaps</source>
        <translation>自然保护地重叠</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/protected_area_overlaps.py"/>
        <source>Finds overlaps between protected areas (自然保护地) larger than OVERLAP_TOLERANCE. Each overlap is an error located on the overlap piece, naming both areas and the suggested keeper: the higher level (national &gt; provincial &gt; municipal/county), and at the same level the stronger type (national park &gt; nature reserve &gt; natural park), as in the 2019 integration guideline. Level and type values are recognised in Chinese and English (国家级, 省级, 市县级…; 国家公园, 自然保护区, 自然公园 and the park kinds 森林公园, 湿地公园, 地质公园…); unrecognised values are warnings. The OVERLAPS table lists every overlap with both ids, its area and the keeper.&lt;br&gt;&lt;br&gt;With REDLINE, every piece of a protected area outside the red line above OUTSIDE_TOLERANCE is an error: protected areas must lie wholly inside the red line.&lt;br&gt;&lt;br&gt;Invalid geometries are reported and repaired copies are checked. REDLINE is reprojected to the CRS of RESERVES when they differ. Inputs are never modified.</source>
        <translation>查找面积大于 OVERLAP_TOLERANCE 的自然保护地之间的重叠。每处重叠为一个错误，定位在重叠部分，给出双方及建议保留方：级别较高者（国家级 &gt; 省级 &gt; 市县级）；同级别时保护类型较强者（国家公园 &gt; 自然保护区 &gt; 自然公园），依据 2019 年整合优化指导意见。级别和类型可识别中英文取值（国家级、省级、市县级…；国家公园、自然保护区、自然公园及森林公园、湿地公园、地质公园等公园类型）；无法识别的取值报告为警告。OVERLAPS 表列出每处重叠的双方代码、面积和保留方。&lt;br&gt;&lt;br&gt;给定 REDLINE 时，自然保护地位于生态保护红线外且大于 OUTSIDE_TOLERANCE 的部分为错误：自然保护地应全部划入生态保护红线。&lt;br&gt;&lt;br&gt;无效几何会被报告，并对修复后的副本进行检查。REDLINE 与 RESERVES 坐标系不同时会重投影。不会修改输入数据。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/protected_area_overlaps.py"/>
        <source>Level field (级别)</source>
        <translation>级别字段</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/protected_area_overlaps.py"/>
        <source>Type field (类型)</source>
        <translation>类型字段</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/protected_area_overlaps.py"/>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Overlap tolerance (m²)</source>
        <translation>重叠容差（m²）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/protected_area_overlaps.py"/>
        <source>Area outside the red line below which it is not reported (m²)</source>
        <translation>红线外面积小于此值时不报告（平方米）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/protected_area_overlaps.py"/>
        <source>Overlap findings</source>
        <translation>重叠问题</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/protected_area_overlaps.py"/>
        <source>Overlaps with the suggested keeper</source>
        <translation>重叠及建议保留方</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/protected_area_overlaps.py"/>
        <location filename="../../ui/jobs.py"/>
        <source>Protected areas</source>
        <translation>自然保护地</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/protected_area_overlaps.py"/>
        <source>Area</source>
        <translation>保护地</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/protected_area_overlaps.py"/>
        <source>Other area</source>
        <translation>另一保护地</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/protected_area_overlaps.py"/>
        <source>Overlap (m²)</source>
        <translation>重叠（平方米）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/protected_area_overlaps.py"/>
        <source>Overlap (ha)</source>
        <translation>重叠（公顷）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/protected_area_overlaps.py"/>
        <source>Keeper</source>
        <translation>保留方</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/protected_area_overlaps.py"/>
        <source>Reason</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/protected_area_overlaps.py"/>
        <source>Higher level</source>
        <translation>级别更高</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/protected_area_overlaps.py"/>
        <source>Same level, stronger protection type</source>
        <translation>同级别，保护类型更严格</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/protected_area_overlaps.py"/>
        <source>No keeper can be suggested</source>
        <translation>无法建议保留方</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>Candidate red line from graded assessments</source>
        <translation>由分级评价结果划定候选红线</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>Delineates a candidate ecological protection red line: the extremely important (极重要) and extremely sensitive (极敏感) areas of the graded assessment rasters (cells of EXTREME_VALUE, 3 by default; polygon layers are taken whole or filtered on GRADE_FIELD), all protected areas and the other must-include areas, minus the layers to deduct (permanent basic farmland, urban development boundary, construction land). Layers listed to report only are kept in the candidate and reported as conflicts.&lt;br&gt;&lt;br&gt;Protected areas always stay whole inside the candidate, since the red line must hold them: where a layer to deduct overlaps one, the overlap is kept and reported as an error, for the planners to settle. Small holes are filled and fragments removed (200 m² each by default; fragments holding protected area are kept). With an existing red line the candidate is split at its boundary and cleaned on each side separately, so nothing is ever merged across it; extremely important or sensitive patches outside it, above CANDIDATE_ADD_AREA and without conflicts, are listed as candidates to add.&lt;br&gt;&lt;br&gt;Each patch carries its origin, its ellipsoidal area (also in MJ, m²), a code (BSM) and the area deducted next to it, so the result goes straight into the red-line delivery check. All layers are reprojected to the CRS of the first input. Inputs are never modified.</source>
        <translation>划定候选生态保护红线：分级评价栅格中的极重要区和极敏感区（取值为 EXTREME_VALUE 的像元，默认 3；面图层整体采用，或按 GRADE_FIELD 筛选）、全部自然保护地及其他必须纳入的区域，再扣除需扣除的图层（永久基本农田、城镇开发边界、建设用地）。列为“仅报告”的图层保留在候选红线中，并作为冲突报告。&lt;br&gt;&lt;br&gt;自然保护地始终完整保留在候选红线内，因为红线必须包含自然保护地：需扣除图层与自然保护地重叠的部分予以保留并报告为错误，由规划人员协调解决。小于阈值的孔洞被填充、碎图斑被删除（默认均为 200 m²；含自然保护地的碎图斑保留）。给定现有红线时，候选红线在其边界处切分，两侧分别处理，绝不跨边界合并；现有红线以外、面积大于 CANDIDATE_ADD_AREA 且无冲突的极重要或极敏感图斑列为拟新增候选。&lt;br&gt;&lt;br&gt;每个图斑带有来源、椭球面积（同时写入 MJ，单位 m²）、编码（BSM）及其旁扣除的面积，可直接用于红线成果质检。所有图层重投影到第一个输入的坐标系。输入数据不会被修改。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>Graded ecosystem-service importance (raster, or polygons)</source>
        <translation>生态系统服务重要性分级（栅格或面）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>Graded ecological sensitivity (raster, or polygons)</source>
        <translation>生态敏感性分级（栅格或面）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>Protected areas (自然保护地), always included whole</source>
        <translation>自然保护地（始终完整纳入）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>Other must-include areas (water sources, park cores, heritage…)</source>
        <translation>其他必须纳入的区域（饮用水水源地、公园核心区、自然遗产等）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>Conflict layers to deduct (farmland, urban boundary, construction land…)</source>
        <translation>需扣除的冲突图层（耕地、城镇开发边界、建设用地等）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>Conflict layers to report only</source>
        <translation>仅报告的冲突图层</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>Existing red line (for candidates to add)</source>
        <translation>现有红线（用于识别拟新增候选）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>Counties (fill each patch's county code XZQDM)</source>
        <translation>县级行政区（为每个图斑填写县级代码 XZQDM）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <location filename="../../processing/algorithms/redline_compare.py"/>
        <location filename="../../processing/algorithms/units_check.py"/>
        <location filename="../../processing/algorithms/units_code.py"/>
        <source>County code field (6-digit GB/T 2260)</source>
        <translation>县（区）代码字段（GB/T 2260 六位代码）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>Minimum patch area: smaller fragments are removed (m²)</source>
        <translation>最小图斑面积：更小的碎图斑被删除（m²）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>Minimum hole area: smaller holes are filled (m²)</source>
        <translation>最小孔洞面积：更小的孔洞被填充（m²）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>Minimum area of a candidate to add (m²; 1 km² = 1,000,000)</source>
        <translation>拟新增候选的最小面积（m²；1 km² = 1,000,000）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>Grade value of the extreme class (极重要 / 极敏感)</source>
        <translation>最高等级（极重要 / 极敏感）的取值</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>Raster band holding the grades</source>
        <translation>存放等级的栅格波段</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>Grade field of polygon inputs (empty: every polygon is extreme)</source>
        <translation>面输入的等级字段（留空：所有面均视为最高等级）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <location filename="../../ui/jobs.py"/>
        <source>Candidate red line</source>
        <translation>候选红线</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>Candidates to add to the red line</source>
        <translation>拟新增红线候选</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>Candidate findings</source>
        <translation>候选红线检查结果</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>Give at least one graded assessment (IMPORTANCE or SENSITIVITY), protected areas or must-include areas.</source>
        <translation>请至少提供一个分级评价结果（IMPORTANCE 或 SENSITIVITY）、自然保护地或必须纳入的区域。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>{n} candidate patches, {area:,.2f} m²; {k} candidates to add.</source>
        <translation>候选红线 {n} 个图斑，共 {area:,.2f} m²；拟新增候选 {k} 个。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>Layer '{layer}' is neither a raster nor a polygon layer.</source>
        <translation>图层“{layer}”既不是栅格图层也不是面图层。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>Candidates to add</source>
        <translation>拟新增候选</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>Raster '{layer}' cannot be read through GDAL: save it as a GeoTIFF first.</source>
        <translation>无法通过 GDAL 读取栅格“{layer}”：请先另存为 GeoTIFF。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>Raster '{layer}' has {n} band(s): there is no band {band}.</source>
        <translation>栅格“{layer}”只有 {n} 个波段：不存在第 {band} 波段。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>Raster '{layer}' has no cells of grade {value}.</source>
        <translation>栅格“{layer}”中没有等级为 {value} 的像元。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>{n} polygons of grade {value} from raster '{layer}'.</source>
        <translation>从栅格“{layer}”得到 {n} 个等级为 {value} 的面。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_candidate.py"/>
        <source>A raster band could not be read as numbers.</source>
        <translation>无法将栅格波段读取为数值。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <location filename="../../ui/jobs.py"/>
        <source>Red-line delivery check</source>
        <translation>生态保护红线成果质检</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>Checks a delivered ecological protection red line (生态保护红线) before approval: geometry validity, duplicates and overlaps between patches; fragments, small holes and slivers; overlaps with permanent basic farmland and the urban development boundary (the three control lines must not overlap); protected areas outside the red line; conflicts with construction land, mining rights or settlements; county codes and patches crossing county lines; required attributes and the stored area; and a per-county ledger.&lt;br&gt;&lt;br&gt;Every finding is a feature of the findings layer, located on the overlap, gap or fragment itself, with its ellipsoidal area on the CGCS2000 ellipsoid. Invalid geometries are reported and the other checks run on repaired copies. All layers are reprojected to the red line's CRS. Inputs are never modified.&lt;br&gt;&lt;br&gt;Thresholds: MIN_PART_AREA and MIN_HOLE_AREA default to 200 m² (a practical value, not a national standard); OVERLAP_TOLERANCE 0.01 m² ignores numerical noise; the sliver index 4πA/P² &amp;lt; 0.05 is our own choice. Adjust them to your province's rules.</source>
        <translation>在报批前对提交的生态保护红线成果进行质检：几何有效性、要素重复及图斑相互重叠；碎片、小孔洞和狭长图斑；与永久基本农田、城镇开发边界的重叠（三条控制线不得交叉重叠）；位于生态保护红线外的自然保护地；与建设用地、矿业权或居民点的冲突；县（区）代码及跨县（区）界图斑；必填属性与属性面积；并生成分县（区）台账。&lt;br&gt;&lt;br&gt;每个问题都作为问题图层中的一个要素输出，落在重叠、缝隙或碎片本身的位置上，并附带基于 CGCS2000 椭球计算的椭球面积。无效几何会被报告，其余检查使用修复后的副本进行。所有图层均重投影到生态保护红线图层的坐标参考系。不会修改任何输入数据。&lt;br&gt;&lt;br&gt;阈值：MIN_PART_AREA 和 MIN_HOLE_AREA 默认为 200 m²（经验值，并非国家标准）；OVERLAP_TOLERANCE 为 0.01 m²，用于忽略数值计算误差；狭长图斑指数 4πA/P² &amp;lt; 0.05 为本插件自行设定的取值。请根据本省的规定调整。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Ecological protection red line (生态保护红线)</source>
        <translation>生态保护红线</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>Permanent basic farmland (永久基本农田)</source>
        <translation>永久基本农田</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>Urban development boundary (城镇开发边界)</source>
        <translation>城镇开发边界</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>Conflict layers: construction land, mining rights, settlements…</source>
        <translation>冲突图层：建设用地、矿业权、居民点等</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>Counties (for codes and statistics)</source>
        <translation>县（区）行政区划（用于代码核对和统计）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <location filename="../../processing/algorithms/redline_compare.py"/>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>County name field</source>
        <translation>县（区）名称字段</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>Minimum area of a polygon part (m²)</source>
        <translation>多边形组成部分的最小面积（平方米）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>Minimum hole area (m²)</source>
        <translation>最小孔洞面积（m²）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>Sliver index 4πA/P² below which a part is a sliver (0 = off)</source>
        <translation>狭长图斑指数 4πA/P² 阈值，低于此值视为狭长图斑（0 = 不检查）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Area beyond a county line that counts as crossing (m²)</source>
        <translation>超出县（区）界即视为跨界的面积（m²）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>Red line: code field (标识码)</source>
        <translation>生态保护红线：标识码字段</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>Red line: county code field</source>
        <translation>生态保护红线：县（区）代码字段</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>Red line: area field</source>
        <translation>生态保护红线：面积字段</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>Unit of the area field</source>
        <translation>面积字段的单位</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>m²</source>
        <translation>平方米（m²）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>hectares (公顷)</source>
        <translation>公顷</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>mu (亩)</source>
        <translation>亩</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>km²</source>
        <translation>平方千米（km²）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>Red-line findings</source>
        <translation>生态保护红线质检问题</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>Red-line statistics per county</source>
        <translation>生态保护红线分县（区）统计</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>The layers are GeoPackage tables with a spatial index: each part of the area reads only its own features.</source>
        <translation>各图层均为带空间索引的 GeoPackage 表：每个分区只读取本区的要素。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>Some values are not plain enough to read straight from the files; the layers are read into memory instead.</source>
        <translation>部分数值无法直接从文件中原样读取，改为将图层读入内存。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>Layer '{layer}' is empty; its checks are skipped.</source>
        <translation>图层“{layer}”为空，已跳过与其相关的检查。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>Red-line statistics</source>
        <translation>生态保护红线统计</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Counties</source>
        <translation>县级行政区</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>Red-line patches</source>
        <translation>红线图斑数</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>County code</source>
        <translation>县（区）代码</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>County</source>
        <translation>县（区）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>Patches</source>
        <translation>图斑数</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Area (ha)</source>
        <translation>面积（公顷）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>Area (mu)</source>
        <translation>面积（亩）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>Area (km²)</source>
        <translation>面积（km²）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>County area (m²)</source>
        <translation>县（区）面积（m²）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Share (%)</source>
        <translation>占比（%）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>Threads (0 = one per processor core)</source>
        <translation>线程数（0 = 每个处理器核心一个）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>The checks run on this many processor cores at once, each on a part of the area; the findings are the same for any number of threads. 0 (the default) uses every core; 1 runs them in one piece and leaves the other cores free.</source>
        <translation>检查同时在这么多个处理器核心上运行，每个核心处理区域的一部分；无论线程数多少，检查结果完全相同。0（默认）使用全部核心；设为 1 则整体运行，把其他核心留给别的工作。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>The red-line layer '{layer}' is empty: there is nothing to check.</source>
        <translation>生态保护红线图层“{layer}”为空，没有可检查的内容。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>the easting prefix is {found}, but the CRS is zone {zone}</source>
        <translation>东坐标的带号前缀为 {found}，但坐标参考系为第 {zone} 带</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_check.py"/>
        <source>the data reaches longitude {lo:.2f}°–{hi:.2f}°, beyond ±1.5° of the zone's central meridian {cm:g}°</source>
        <translation>数据经度范围为 {lo:.2f}°–{hi:.2f}°，超出该投影带中央经线 {cm:g}° 两侧 ±1.5° 的范围</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_compare.py"/>
        <location filename="../../ui/jobs.py"/>
        <source>Compare two red-line versions</source>
        <translation>两版红线对比</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_compare.py"/>
        <source>Compares an old and a new version of the ecological protection red line (the evaluation-and-adjustment work, 评估调整): the pieces added and removed, with their ellipsoidal area in m² and hectares and the county holding them; for every removed piece, the reason layers it overlaps (farmland, construction land, mining rights, protected areas…) or a warning that it has no stated reason; and a per-county table of the area before and after, added, removed, the net change and the shares of the county's area.&lt;br&gt;&lt;br&gt;Features whose geometry is the same in both versions are skipped without any overlay, so a province with a few changed patches is compared in seconds. NEW is reprojected to OLD's CRS when they differ. Both versions are expected to be red lines of disjoint patches (check them with the red-line delivery check). Inputs are never modified.&lt;br&gt;&lt;br&gt;A feature without geometry is reported (CMP_GEOM_NULL) and left out. Its version in the other layer, the feature with the same ID_FIELD value (标识码, default BSM; the feature id when the field is not in both layers), is not counted as added or removed, since what it replaces is unknown: it is reported as CMP_CHANGE_UNKNOWN.</source>
        <translation>对比生态保护红线的新旧两个版本（评估调整工作）：新增和调出的图斑，含椭球面积（m² 和公顷）及所在县；每个调出图斑所叠加的理由图层（耕地、建设用地、矿业权、自然保护地等），无理由的给出警告；以及分县统计表：调整前面积、调整后面积、新增、调出、净变化及占县域面积的比例。&lt;br&gt;&lt;br&gt;两版中几何完全相同的要素直接跳过，不做叠加分析，因此仅少量图斑变化的全省数据可在数秒内完成对比。两版坐标系不同时，NEW 重投影到 OLD 的坐标系。两版红线应为互不重叠的图斑（可先用红线成果质检检查）。输入数据不会被修改。&lt;br&gt;&lt;br&gt;没有几何的要素会被报告（CMP_GEOM_NULL）并排除在对比之外。它在另一版本中对应的要素（ID_FIELD 值相同的要素，ID_FIELD 即标识码，默认 BSM；两版不都有该字段时按要素 ID 对应）不计为新增或调出，因为它所替换的内容未知：该要素报告为 CMP_CHANGE_UNKNOWN。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_compare.py"/>
        <source>Old red line (the version before)</source>
        <translation>旧版红线（调整前）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_compare.py"/>
        <source>New red line (the adjusted version)</source>
        <translation>新版红线（调整后）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_compare.py"/>
        <source>Counties (for the per-county table)</source>
        <translation>县级行政区（用于分县统计）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_compare.py"/>
        <source>Patch id field of both versions (标识码): matches a feature without geometry to its other version</source>
        <translation>两个版本的图斑标识码字段：用于将没有几何的要素与其另一版本对应</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_compare.py"/>
        <source>Reason layers for removals: farmland, construction land, mining rights, protected areas…</source>
        <translation>调出理由图层：耕地、建设用地、矿业权、自然保护地等</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_compare.py"/>
        <source>Smallest change piece reported (m²)</source>
        <translation>报告的最小变化图斑面积（m²）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_compare.py"/>
        <source>Share of a removed piece the reason layers must cover to explain it (%)</source>
        <translation>理由图层须覆盖调出图斑的比例，方视为有理由（%）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_compare.py"/>
        <source>Added red line</source>
        <translation>新增红线</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_compare.py"/>
        <source>Removed red line</source>
        <translation>调出红线</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_compare.py"/>
        <source>Comparison findings</source>
        <translation>对比检查结果</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_compare.py"/>
        <source>Change per county</source>
        <translation>分县变化统计</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_compare.py"/>
        <source>Area added (m²)</source>
        <translation>新增面积（m²）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_compare.py"/>
        <source>Area removed (m²)</source>
        <translation>调出面积（m²）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_compare.py"/>
        <source>ID_FIELD is not a field of both versions: a feature without geometry is matched to its other version by feature id.</source>
        <translation>ID_FIELD 不是两个版本都有的字段：没有几何的要素按要素 ID 与其另一版本对应。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_compare.py"/>
        <source>OLD and NEW are in different CRSs: NEW is reprojected to OLD's CRS.</source>
        <translation>OLD 与 NEW 坐标系不同：NEW 已重投影到 OLD 的坐标系。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_compare.py"/>
        <source>{same} features are identical in both versions and were skipped; {old} old and {new} new features changed.</source>
        <translation>{same} 个要素在两版中完全相同，已跳过；旧版 {old} 个、新版 {new} 个要素有变化。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_compare.py"/>
        <source>Both red-line versions are empty: there is nothing to compare.</source>
        <translation>两版红线均为空：没有可对比的内容。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/redline_compare.py"/>
        <source>Added {added:,.2f} m², removed {removed:,.2f} m².</source>
        <translation>新增 {added:,.2f} m²，调出 {removed:,.2f} m²。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Protected-area functional zone check</source>
        <translation>自然保护地功能分区检查</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Checks the functional zones (功能分区) of protected areas. Zones are joined to their reserve by id. Per reserve: one zoning system (the three-zone 核心区/缓冲区/实验区 and the two-zone 核心保护区/一般控制区 names must not be mixed); the zones tile the reserve (gaps above GAP_TOLERANCE and overlaps above OVERLAP_TOLERANCE are errors, located on the gap or overlap); every zone lies inside its own reserve; in three-zone reserves the buffer surrounds the core, the experimental zone lies outside the buffer, and a core on the reserve's outer edge is flagged to check for a natural barrier (warnings: GB/T 35822-2018 is not at hand, so no widths are enforced); the declared area against the ellipsoidal area (CGCS2000).&lt;br&gt;&lt;br&gt;The zone share rules (core protection zone below 50 % of a national park; core below 1/3 or experimental above 1/3 of a three-zone reserve) are unverified and off by default (CHECK_SHARES).&lt;br&gt;&lt;br&gt;Outputs: the findings; a per-reserve SUMMARY (zone areas in m² and 公顷, shares, system, verdict); optionally ZONES_TWO_SYSTEM, the zones converted to the two-zone system (core + buffer → 核心保护区, experimental → 一般控制区) and dissolved per reserve. Boundary findings (core exposed, core at the edge) are drawn as 1 m strips; their length is in length_m.&lt;br&gt;&lt;br&gt;{zones}&lt;br&gt;&lt;br&gt;Invalid geometries are reported and repaired copies are checked. ZONES is reprojected to the CRS of RESERVES when they differ. Inputs are never modified.</source>
        <translation>检查自然保护地的功能分区。功能分区按代码归入所属保护地。每个保护地：只用一种分区体系（三区制核心区/缓冲区/实验区与两区制核心保护区/一般控制区名称不得混用）；功能分区完整覆盖保护地（大于 GAP_TOLERANCE 的缝隙和大于 OVERLAP_TOLERANCE 的重叠为错误，定位在缝隙或重叠处）；每个分区位于所属保护地内；三区制保护地中缓冲区包围核心区、实验区位于缓冲区外围，核心区位于保护地外边界时提示核实天然屏障（警告：手头没有 GB/T 35822-2018 原文，不检查宽度）；申报面积与椭球面积（CGCS2000）比对。&lt;br&gt;&lt;br&gt;分区比例规则（国家公园核心保护区低于 50%；三区制核心区低于 1/3 或实验区高于 1/3）未经核实，默认关闭（CHECK_SHARES）。&lt;br&gt;&lt;br&gt;输出：问题图层；按保护地的汇总表 SUMMARY（各分区面积（平方米、公顷）、比例、分区体系、结论）；可选 ZONES_TWO_SYSTEM，即转换为两区制（核心区 + 缓冲区 → 核心保护区，实验区 → 一般控制区）并按保护地融合的功能分区。边界类问题（核心区暴露、核心区位于边界）绘制为 1 米宽的条带，其长度见 length_m。&lt;br&gt;&lt;br&gt;{zones}&lt;br&gt;&lt;br&gt;无效几何会被报告，并对修复后的副本进行检查。ZONES 与 RESERVES 坐标系不同时会重投影到 RESERVES 的坐标系。不会修改输入数据。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Reserve name field (optional)</source>
        <translation>保护地名称字段（可选）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Reserve level field (optional)</source>
        <translation>保护地级别字段（可选）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Reserve type field (optional)</source>
        <translation>保护地类型字段（可选）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Declared area field (optional)</source>
        <translation>申报面积字段（可选）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Unit of the declared area field</source>
        <translation>申报面积字段的单位</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Gap tolerance (m²)</source>
        <translation>缝隙容差（m²）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Shared boundary below which nesting is not reported (m)</source>
        <translation>小于此长度的公共边界不报告分区嵌套问题（米）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Declared area tolerance (%)</source>
        <translation>申报面积容差（%）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Check zone shares (unverified rules)</source>
        <translation>检查分区比例（未经核实的规则）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Minimum core protection zone share of a national park (%)</source>
        <translation>国家公园核心保护区最小比例（%）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Minimum core zone share (%)</source>
        <translation>核心区最小比例（%）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Maximum experimental zone share (%)</source>
        <translation>实验区最大比例（%）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Report unknown zone names as findings instead of stopping</source>
        <translation>将无法识别的分区名称作为问题报告，而不停止运行</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Zone findings</source>
        <translation>功能分区问题</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Zone summary per reserve</source>
        <translation>按保护地的功能分区汇总</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Zones in the two-zone system</source>
        <translation>两区制功能分区</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>RESERVES and ZONES must both hold features: there is nothing to check.</source>
        <translation>RESERVES 和 ZONES 都必须包含要素：没有可检查的内容。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Zone summary</source>
        <translation>功能分区汇总</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Zones (two-zone system)</source>
        <translation>功能分区（两区制）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>System</source>
        <translation>分区体系</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Core (ha)</source>
        <translation>核心区（公顷）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Buffer (ha)</source>
        <translation>缓冲区（公顷）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Experimental (ha)</source>
        <translation>实验区（公顷）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Core protection (ha)</source>
        <translation>核心保护区（公顷）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>General control (ha)</source>
        <translation>一般控制区（公顷）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Gaps (m²)</source>
        <translation>缝隙（平方米）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/reserve_check.py"/>
        <source>Overlaps (m²)</source>
        <translation>重叠（平方米）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/sensitivity_grade.py"/>
        <source>Extremely sensitive (极敏感)</source>
        <translation>极敏感</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/sensitivity_grade.py"/>
        <source>Sensitive (敏感)</source>
        <translation>敏感</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/sensitivity_grade.py"/>
        <source>Generally sensitive (一般敏感)</source>
        <translation>一般敏感</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/sensitivity_grade.py"/>
        <location filename="../../ui/jobs.py"/>
        <source>Ecological sensitivity grading</source>
        <translation>生态敏感性分级</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/sensitivity_grade.py"/>
        <source>Grades ecological sensitivity (soil erosion, desertification, rocky desertification, salinization) from factor rasters: each factor is scored 1, 3 or 5, the composite is the geometric mean of the scores, and the composite is graded 3 = extremely sensitive (极敏感), 2 = sensitive (敏感), 1 = generally sensitive (一般敏感). A value exactly at a break goes to the higher class. A cell that is NoData in any factor stays NoData.&lt;br&gt;&lt;br&gt;FACTOR_BREAKS holds one group per factor raster, in the order of FACTORS, separated by ';'. A group is name:first,second (the name is optional and only labels the table). Write the two breaks in the direction in which the score rises: rainfall:100,600 scores below 100 as 1, 100–600 as 3 and above 600 as 5; cover:0.6,0.2 scores above 0.6 as 1, 0.2–0.6 as 3 and below 0.2 as 5 (vegetation cover protects, so the direction is reversed). The default is rainfall erosivity 100,600; relief (m) 50,300; vegetation cover 0.6,0.2 (one open implementation's values); and soil erodibility K (t·hm²·h/(hm²·MJ·mm)) 0.02,0.04, which is our own choice: adjust it to your province's rules. With fewer factors, remove their groups.&lt;br&gt;&lt;br&gt;SCORES: the low, middle and high score (default 1,3,5). COMPOSITE_BREAKS: the composite breaks of the sensitive and extremely sensitive classes (default 2.33,3.66). Rasters on another grid are resampled to the first raster's grid. The table gives the ellipsoidal area of each class and of each factor's scores.</source>
        <translation>根据因子栅格对生态敏感性（水土流失、土地沙化、石漠化、盐渍化）分级：每个因子赋分 1、3 或 5，综合值为各因子得分的几何平均，综合值分为 3 = 极敏感、2 = 敏感、1 = 一般敏感。恰好等于分界值的归入较高等级。任一因子为 NoData 的像元仍为 NoData。&lt;br&gt;&lt;br&gt;FACTOR_BREAKS 按 FACTORS 的顺序为每个因子栅格写一组，用“;”分隔。每组格式为 名称:第一分界,第二分界（名称可省略，仅用于表格标注）。两个分界按得分升高的方向书写：rainfall:100,600 表示小于 100 得 1 分、100–600 得 3 分、大于 600 得 5 分；cover:0.6,0.2 表示大于 0.6 得 1 分、0.2–0.6 得 3 分、小于 0.2 得 5 分（植被覆盖起保护作用，方向相反）。默认值：降雨侵蚀力 100,600；地形起伏度（米）50,300；植被覆盖度 0.6,0.2（某开源实现的取值）；土壤可蚀性 K（t·hm²·h/(hm²·MJ·mm)）0.02,0.04，此项为本工具自定，请按本省规定调整。因子较少时，删去对应的组。&lt;br&gt;&lt;br&gt;SCORES：低、中、高三档得分（默认 1,3,5）。COMPOSITE_BREAKS：敏感和极敏感等级的综合值分界（默认 2.33,3.66）。格网不同的栅格会重采样到第一个栅格的格网。表格给出各等级及各因子各得分档的椭球面积。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/sensitivity_grade.py"/>
        <source>Factor rasters (in the order of FACTOR_BREAKS)</source>
        <translation>因子栅格（顺序与 FACTOR_BREAKS 一致）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/sensitivity_grade.py"/>
        <source>Score breaks per factor (name:first,second;…)</source>
        <translation>各因子赋分分界（名称:第一分界,第二分界;…）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/sensitivity_grade.py"/>
        <source>Scores: low, middle, high</source>
        <translation>得分：低、中、高</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/sensitivity_grade.py"/>
        <source>Composite breaks: sensitive, extremely sensitive</source>
        <translation>综合值分界：敏感、极敏感</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/sensitivity_grade.py"/>
        <source>Sensitivity grade</source>
        <translation>敏感性等级</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/sensitivity_grade.py"/>
        <source>Composite score (geometric mean)</source>
        <translation>综合得分（几何平均）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/sensitivity_grade.py"/>
        <source>Sensitivity class areas</source>
        <translation>敏感性各等级面积</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/sensitivity_grade.py"/>
        <source>Choose at least one factor raster (FACTORS).</source>
        <translation>请至少选择一个因子栅格（FACTORS）。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/sensitivity_grade.py"/>
        <source>Grid of '{layer}', CRS {crs}.</source>
        <translation>采用“{layer}”的格网，坐标系 {crs}。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/sensitivity_grade.py"/>
        <source>'{layer}' is scored as {name}: breaks {first:g}, {second:g}.</source>
        <translation>“{layer}”按 {name} 赋分：分界 {first:g}、{second:g}。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/sensitivity_grade.py"/>
        <source>SCORES must be positive: the geometric mean needs them.</source>
        <translation>SCORES 必须为正数：几何平均需要正值。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/sensitivity_grade.py"/>
        <source>COMPOSITE_BREAKS {text}: the composite is the geometric mean of the scores, so it lies between {low:g} and {high:g} (SCORES), and these breaks would put every cell in one or two classes. Choose two increasing breaks above {low:g} and at most {high:g}, e.g. 2.33,3.66 for the scores 1,3,5.</source>
        <translation>COMPOSITE_BREAKS {text}：综合值是各评分的几何平均，因此介于 {low:g} 和 {high:g}（SCORES）之间，这组分界值会把所有像元分进一个或两个等级。请选择两个递增的分界值，大于 {low:g} 且不大于 {high:g}，例如评分为 1,3,5 时用 2.33,3.66。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/sensitivity_grade.py"/>
        <source>FACTOR_BREAKS has {groups} group(s) but {count} factor raster(s) were given: write one group per raster, in the same order (e.g. rainfall:100,600;relief:50,300).</source>
        <translation>FACTOR_BREAKS 有 {groups} 组，但给出了 {count} 个因子栅格：请按相同顺序为每个栅格写一组（例如 rainfall:100,600;relief:50,300）。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/sensitivity_grade.py"/>
        <source>Scoring and grading</source>
        <translation>正在赋分与分级</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/sensitivity_grade.py"/>
        <source>score {score:g}</source>
        <translation>得分 {score:g}</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/sensitivity_grade.py"/>
        <source>Factor raster '{layer}' has no valid cell on the grid of the first raster: every cell is NoData there, so every composite cell would be NoData. Check its band and NoData value, and that it covers the first raster's extent. No output was written.</source>
        <translation>因子栅格“{layer}”在第一个栅格的格网上没有有效像元：所有像元均为 NoData，综合结果的每个像元也将是 NoData。请检查其波段和 NoData 值，并确认它覆盖第一个栅格的范围。未写出任何输出。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Conflict: red line or core zone (冲突)</source>
        <translation>冲突：生态保护红线或核心保护区（冲突）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Priority protection unit: strict review (优先保护)</source>
        <translation>优先保护单元：严格审查（优先保护）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Key control unit: conditional (重点管控)</source>
        <translation>重点管控单元：有条件准入（重点管控）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>General control unit (一般管控)</source>
        <translation>一般管控单元（一般管控）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Unit class unknown</source>
        <translation>单元分类未知</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>unknown class</source>
        <translation>分类未知</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Project siting check (one-click assessment)</source>
        <translation>项目选址分析（一键分析）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>The one-click assessment (一键分析) of planned project sites against environmental control units (三线一单). Each site (point, line or polygon) is cut by the units it touches: one row per site and unit gives the unit's code, name and class, the length or area of the site inside it, its share of the site, and the access-list rules (准入清单) that apply: rows of the list keyed by the unit's code, rows keyed by its class (province-wide lists), rows with neither (apply everywhere), optionally narrowed by industry. Sites entering the ecological protection red line or a protected area's core zone are errors; sites or parts of sites outside every unit, and list rows naming unknown unit codes, are warnings.&lt;br&gt;&lt;br&gt;A project list comes in several layers: give the first as SITES and the others (points, lines and polygons together) as MORE_SITES. One run assesses them all; the table's site_layer names each site's layer, and the site fields (id, name, industry) are read from every layer that has them. A layer holds one geometry type, so when the site layers mix types, the table and the findings take the simplest one: lines and polygons become points on them (with points among the sites) or polygons their outlines (lines and polygons); lengths and areas are kept, and the report draws every site whole.&lt;br&gt;&lt;br&gt;The access list is a table with the columns HJZHGKDYBM (unit code) and/or ZHGKDYFL (class) and the four dimensions KJBJYS, PWWPFGK, HJFXFK, ZYKFXLYQ (+ REMARK): a CSV file (UTF-8 or GBK), an XLSX workbook (every sheet is read) or a layer; give both a file and a layer to stack two lists. PROTECTED_AREAS takes functional zones with their zone field: the zones named in CORE_ZONES count as core zones (by default 核心保护区, and 核心区 and 缓冲区 of the old three-zone system); without a zone field every polygon counts as a core zone.&lt;br&gt;&lt;br&gt;Areas and lengths are ellipsoidal on CGCS2000; a point on a shared edge counts half in each unit. The HTML report has one section per site, with a map and its rules, for project officers. Inputs are never modified.</source>
        <translation>对拟建项目选址与生态环境管控单元（三线一单）进行一键分析。每个选址（点、线或面）按其涉及的单元切分：每个选址与单元各一行，给出单元编码、名称和分类、选址在该单元内的长度或面积、占选址的比例，以及适用的准入清单条款：按单元编码的清单行、按分类的清单行（全省分类清单）、两者皆无的清单行（普遍适用），可按行业进一步筛选。选址进入生态保护红线或自然保护地核心保护区为错误；选址或其部分位于所有单元之外、清单中出现不存在的单元编码为警告。&lt;br&gt;&lt;br&gt;项目清单常分为多个图层：第一个图层作为 SITES，其余图层（点、线、面均可）作为 MORE_SITES，一次运行即可全部分析；结果表的 site_layer 字段给出每个选址所在的图层，选址字段（编号、名称、行业）从具有该字段的每个图层读取。一个图层只能容纳一种几何类型，因此选址图层类型混合时，结果表和问题图层采用其中最简单的类型：有点状选址时，线和面写为其上的点；只有线和面时，面写为其边界线；长度和面积保持不变，HTML 报告中每个选址均完整绘制。&lt;br&gt;&lt;br&gt;准入清单为一张表，含 HJZHGKDYBM（单元编码）和/或 ZHGKDYFL（分类）列以及 KJBJYS、PWWPFGK、HJFXFK、ZYKFXLYQ 四个维度（+ REMARK）：可以是 CSV 文件（UTF-8 或 GBK）、XLSX 工作簿（读取所有工作表）或图层；同时给出文件和图层则两份清单叠加。PROTECTED_AREAS 为带分区字段的功能分区：CORE_ZONES 中列出的分区视为核心区（缺省为核心保护区，以及旧三区制的核心区和缓冲区）；未给分区字段时每个面都视为核心区。&lt;br&gt;&lt;br&gt;面积和长度为 CGCS2000 椭球值；位于两个单元公共边上的点在每个单元各计一半。HTML 报告为每个选址单列一节，含地图和适用条款，供项目审批人员阅读。不修改输入数据。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Planned project sites (points, lines or polygons)</source>
        <translation>拟建项目选址（点、线或面）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>More site layers, assessed in the same run (points, lines or polygons)</source>
        <translation>更多选址图层，在同一次运行中分析（点、线或面）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Site id field (empty: the feature id)</source>
        <translation>选址编号字段（空：使用要素 ID）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Site name field</source>
        <translation>选址名称字段</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Site industry field (matches the access list's industry column)</source>
        <translation>选址行业字段（与准入清单的行业列匹配）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Environmental control units (环境管控单元)</source>
        <translation>生态环境管控单元（环境管控单元）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Access list file (准入清单: CSV or XLSX)</source>
        <translation>准入清单文件（准入清单：CSV 或 XLSX）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Access lists (*.csv *.xlsx *.xls *.ods);;All files (*.*)</source>
        <translation>准入清单 (*.csv *.xlsx *.xls *.ods);;所有文件 (*.*)</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Access list layer or table (准入清单)</source>
        <translation>准入清单图层或表（准入清单）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Protected-area functional zones (自然保护地功能分区)</source>
        <translation>自然保护地功能分区（自然保护地功能分区）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Zone field of the protected areas (功能分区)</source>
        <translation>自然保护地分区字段（功能分区）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Zone values that are core zones, comma-separated</source>
        <translation>视为核心区的分区值，逗号分隔</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Units and access list: unit code field (环境管控单元编码)</source>
        <translation>单元与准入清单：单元编码字段（环境管控单元编码）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Units: name field (环境管控单元名称)</source>
        <translation>单元：名称字段（环境管控单元名称）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Units and access list: class field 1/2/3 (管控单元分类)</source>
        <translation>单元与准入清单：分类字段 1/2/3（管控单元分类）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Access list: rule columns, comma-separated</source>
        <translation>准入清单：条款列，逗号分隔</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Access list: industry column (a row applies to sites whose industry starts with it)</source>
        <translation>准入清单：行业列（行业以其开头的选址适用该行）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Smallest polygon piece counted (m²)</source>
        <translation>计入的最小面片（m²）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Shortest line piece counted (m)</source>
        <translation>计入的最短线段（m）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Siting table (site × unit)</source>
        <translation>选址分析表（选址 × 单元）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Siting findings</source>
        <translation>选址问题</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Working CRS: {crs}. Areas and lengths are ellipsoidal on CGCS2000.</source>
        <translation>工作坐标系：{crs}。面积和长度为 CGCS2000 椭球值。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Layer '{layer}' is given twice as a site layer: its sites are assessed once.</source>
        <translation>图层“{layer}”被重复指定为选址图层：其选址只分析一次。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Site layer '{layer}' is in {src}; it is reprojected to {dst}.</source>
        <translation>选址图层“{layer}”的坐标系为 {src}，已投影到 {dst}。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Site layer '{layer}' has no field '{field}' ({param}): its sites go without it (a site without an id is named by its feature id).</source>
        <translation>选址图层“{layer}”没有字段“{field}”（{param}）：其选址不带该字段（没有编号的选址以要素 ID 标识）。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Site layer '{layer}' is empty.</source>
        <translation>选址图层“{layer}”为空。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>The site layer '{layer}' is empty: there is nothing to assess.</source>
        <translation>选址图层“{layer}”为空：没有可分析的内容。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Every site layer is empty ({layers}): there is nothing to assess.</source>
        <translation>所有选址图层均为空（{layers}）：没有可分析的内容。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Layer '{layer}' has no zone field: every polygon of it counts as a core zone.</source>
        <translation>图层“{layer}”没有分区字段：其中每个面都视为核心区。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>{n} of {total} protected-area zones are core zones ({values}).</source>
        <translation>{total} 个自然保护地分区中有 {n} 个为核心区（{values}）。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>The access list has no rows: no rules are attached.</source>
        <translation>准入清单没有数据行：未附加任何条款。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Access-list rows with a class that is not 1, 2 or 3 and no unit code are left out: {rows}.</source>
        <translation>分类不是 1、2、3 且无单元编码的清单行已剔除：{rows}。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>The access list names unit codes that are not in the unit layer (their rules apply to no site): {codes}.</source>
        <translation>准入清单中有单元图层中不存在的单元编码（其条款不适用于任何选址）：{codes}。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Site {site} lies outside every control unit.</source>
        <translation>选址 {site} 位于所有管控单元之外。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Siting table</source>
        <translation>选址分析表</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>The site layers hold several geometry types and an output layer holds one: the siting table and the findings are written as {type}, {how}. Their lengths and areas are those of the whole pieces; the HTML report draws every site whole.</source>
        <translation>选址图层包含多种几何类型，而一个输出图层只能容纳一种：选址结果表和问题图层写为 {type}，{how}。其长度和面积为整个部分的长度和面积；HTML 报告中每个选址均完整绘制。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>lines and polygons as a point on each piece</source>
        <translation>线和面写为每个部分上的一个点</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>polygons as their outlines</source>
        <translation>面写为其边界线</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/siting_check.py"/>
        <source>Layer '{layer}' must hold points, lines or polygons, but it holds {type} geometries.</source>
        <translation>图层“{layer}”应为点、线或面，但其几何类型为 {type}。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/style_layer.py"/>
        <source>Findings by severity</source>
        <translation>问题（按严重程度）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/style_layer.py"/>
        <source>Ecological protection red line</source>
        <translation>生态保护红线</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/style_layer.py"/>
        <source>Control units by class</source>
        <translation>按类别显示管控单元</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/style_layer.py"/>
        <source>Red-line changes (added / removed)</source>
        <translation>红线变化（新增 / 调出）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/style_layer.py"/>
        <source>Protected-area zones by type</source>
        <translation>自然保护地功能分区（按类型）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/style_layer.py"/>
        <source>Point findings by severity</source>
        <translation>点状问题（按严重程度）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/style_layer.py"/>
        <source>Siting results by verdict (polygons)</source>
        <translation>按结论显示选址结果（面）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/style_layer.py"/>
        <source>Siting results by verdict (lines)</source>
        <translation>按结论显示选址结果（线）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/style_layer.py"/>
        <source>Siting results by verdict (points)</source>
        <translation>按结论显示选址结果（点）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/style_layer.py"/>
        <source>Line findings by severity</source>
        <translation>按严重程度显示线状问题</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/style_layer.py"/>
        <source>Apply an ecospace style</source>
        <translation>应用 ecospace 样式</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/style_layer.py"/>
        <source>Applies one of the plugin's styles (findings by severity, the red line…) to a layer, so a model can end with styled results. When the layer is a GeoPackage table, the style is also saved in the file as its default style, so it opens styled in any QGIS, including after a headless run.</source>
        <translation>将本插件自带的某一样式（按严重程度显示问题、生态保护红线等）应用到图层，使模型能够输出已设置样式的结果。若该图层为 GeoPackage 表，样式还会作为默认样式保存到文件中，因此在任何 QGIS 中打开时（包括无界面运行之后）都带有该样式。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/style_layer.py"/>
        <source>Layer to style</source>
        <translation>要设置样式的图层</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/style_layer.py"/>
        <source>Style</source>
        <translation>样式</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/style_layer.py"/>
        <source>Styled layer</source>
        <translation>已设置样式的图层</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/style_layer.py"/>
        <source>STYLE '{style}' colours the features by the field '{field}', which layer '{layer}' does not have (its fields: {fields}). Choose the style made for this layer, or run it on the output of the algorithm that writes '{field}'.</source>
        <translation>STYLE“{style}”按字段“{field}”为要素着色，但图层“{layer}”没有该字段（它的字段：{fields}）。请选择适用于该图层的样式，或将其用于写出“{field}”的算法的输出。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/style_layer.py"/>
        <source>Could not apply the style: {msg}</source>
        <translation>无法应用样式：{msg}</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Control-unit delivery check</source>
        <translation>环境管控单元成果质检</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Checks a delivered environmental control unit layer (生态环境管控单元, 三线一单): the unit code ZH + 6-digit county code + class digit + 4-digit sequence (format, class digit against the class field, county digits against the county holding the unit, one code per sequence within county and class); gaps and overlaps against the study area (STUDY_AREA, or the union of COUNTIES); units crossing county lines; red-line area inside key or general units (REDLINE); classes that disagree with the factor layers by the fitting rule (PRIORITY_LAYERS, KEY_LAYERS, SHARE_THRESHOLD); empty access-list fields (KJBJYS, PWWPFGK, HJFXFK, ZYKFXLYQ) when the layer carries them; and statistics per county and class.&lt;br&gt;&lt;br&gt;Invalid geometries are reported and the other checks use repaired copies. Every finding lies on the piece concerned, with its ellipsoidal area on the CGCS2000 ellipsoid. All layers are reprojected to the unit layer's CRS. Inputs are never modified.&lt;br&gt;&lt;br&gt;Tolerances: gaps above 1 m² and overlaps above 0.01 m² are findings (this plugin's defaults, not a national standard). The field names default to those of a real provincial platform; map yours in the advanced parameters.</source>
        <translation>检查交付的生态环境管控单元（三线一单）图层：单元编码 ZH + 6 位县级代码 + 分类位 + 4 位顺序码（格式、分类位与分类字段一致、县级代码与单元所在县一致、同县同类顺序码唯一）；与研究区（STUDY_AREA，缺省为 COUNTIES 的并集）相比的缝隙与重叠；跨县界单元；重点或一般管控单元中的生态保护红线（REDLINE）；按拟合规则与要素图层（PRIORITY_LAYERS、KEY_LAYERS、SHARE_THRESHOLD）不一致的分类；图层带有准入清单字段（KJBJYS、PWWPFGK、HJFXFK、ZYKFXLYQ）时的空值；以及按县、按类统计。&lt;br&gt;&lt;br&gt;无效几何会被报告，其他检查使用修复后的副本。每个问题都落在相关图形上，并给出 CGCS2000 椭球面积。所有图层均投影到单元图层的坐标系。不修改输入数据。&lt;br&gt;&lt;br&gt;容差：缝隙大于 1 m²、重叠大于 0.01 m² 视为问题（本工具默认值，非国家标准）。字段名默认采用某省级平台的字段名，可在高级参数中映射为您的字段。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Counties (县级行政区)</source>
        <translation>县级行政区</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Study area (default: the union of the counties)</source>
        <translation>研究区（缺省：各县的并集）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Priority protection factor layers (优先保护要素)</source>
        <translation>优先保护要素图层（优先保护要素）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Key control factor layers (重点管控要素)</source>
        <translation>重点管控要素图层（重点管控要素）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Units: code field (环境管控单元编码)</source>
        <translation>单元：编码字段（环境管控单元编码）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Units: class field 1/2/3 (管控单元分类)</source>
        <translation>单元：分类字段 1/2/3（管控单元分类）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Units: access-list fields, comma-separated (empty = do not check)</source>
        <translation>单元：准入清单字段，逗号分隔（空 = 不检查）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Share of a class's factors that decides the class (%)</source>
        <translation>决定分类的要素面积占比（%）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Strict: any factor overlap decides the class</source>
        <translation>严格：要素只要有重叠即决定分类</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Red-line area tolerated in a key or general unit (m²)</source>
        <translation>重点或一般管控单元中容许的红线面积（m²）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Control-unit findings</source>
        <translation>环境管控单元问题</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Control-unit statistics per county and class</source>
        <translation>环境管控单元按县按类统计</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>The unit layer '{layer}' is empty: there is nothing to check.</source>
        <translation>单元图层“{layer}”为空：没有可检查的内容。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>The unit layer has none of the access-list fields {fields}: their check is skipped (the list is kept in a separate table).</source>
        <translation>单元图层不含准入清单字段 {fields}：跳过该项检查（清单另表保存）。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Control-unit statistics</source>
        <translation>环境管控单元统计</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_check.py"/>
        <source>Unreadable class</source>
        <translation>分类无法识别</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_classify.py"/>
        <source>Classify control units (fitting)</source>
        <translation>管控单元分类（拟合法）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_classify.py"/>
        <source>Classifies existing unit polygons (e.g. townships) by the fitting method: a unit is a priority protection unit (class 1) when the priority factor layers cover at least SHARE_THRESHOLD percent of it, a key control unit (class 2) when priority and key factors together reach the threshold (就高), otherwise a general control unit (class 3). With STRICT any overlap above 0.01 m² counts.&lt;br&gt;&lt;br&gt;The output is the input units with all their attributes, plus the class, the share of the priority, key and combined factor zones, the share of every factor layer (fields PCT_&amp;lt;layer&amp;gt;) and a short 'basis' sentence, so each decision can be read. With COUNTY_CODE_FIELD the units are also coded ZH + county + class + sequence. Areas are ellipsoidal on CGCS2000; factor layers are reprojected to the units' CRS.&lt;br&gt;&lt;br&gt;The output fields never overwrite a unit attribute silently: a unit layer that already has a field of an output field's name (CLASS_FIELD, the shares, PCT_…) is refused, unless REPLACE_FIELDS is ticked (e.g. to classify classified units again).</source>
        <translation>以拟合法对现有单元面（如乡镇）分类：优先保护要素覆盖单元面积达到 SHARE_THRESHOLD 百分比时为优先保护单元（1 类）；优先保护与重点管控要素合计达到该阈值时为重点管控单元（2 类，就高）；否则为一般管控单元（3 类）。STRICT 模式下任何大于 0.01 平方米的重叠都计入。&lt;br&gt;&lt;br&gt;输出为输入单元及其全部属性，另加类别、优先保护、重点管控及两者合计的面积占比、每个要素图层的占比（字段 PCT_&amp;lt;图层&amp;gt;）和一句“依据”说明，便于读懂每个判定。给出 COUNTY_CODE_FIELD 时，还按 ZH + 县级代码 + 类别 + 顺序号为单元编码。面积为 CGCS2000 椭球面积；要素图层会重投影到单元图层的坐标系。&lt;br&gt;&lt;br&gt;输出字段不会悄悄覆盖单元的属性：单元图层已有与某个输出字段同名的字段（CLASS_FIELD、各占比字段、PCT_…）时拒绝运行，除非勾选 REPLACE_FIELDS（例如对已分类的单元再次分类）。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_classify.py"/>
        <source>Unit polygons (e.g. townships)</source>
        <translation>单元面（如乡镇）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_classify.py"/>
        <source>Share threshold (%)</source>
        <translation>占比阈值（%）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_classify.py"/>
        <source>Strict: any overlap with a factor zone counts</source>
        <translation>严格模式：与要素区有任何重叠即计入</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_classify.py"/>
        <source>County code field of the units (6 digits, or a township code starting with it): also assign codes</source>
        <translation>单元的县级代码字段（6 位，或以其开头的乡镇代码）：同时赋编码</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_classify.py"/>
        <source>Place name field of the units (gives the unit names)</source>
        <translation>单元的地名字段（用于单元名称）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_classify.py"/>
        <source>Replace unit fields that have an output field's name (e.g. when classifying classified units again)</source>
        <translation>替换与输出字段同名的单元字段（例如对已分类的单元再次分类时）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_classify.py"/>
        <source>Classified units</source>
        <translation>已分类单元</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_classify.py"/>
        <source>Classification findings</source>
        <translation>分类问题</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_classify.py"/>
        <source>Give at least one priority or key factor layer: without them every unit would be general.</source>
        <translation>请至少提供一个优先保护或重点管控要素图层：否则所有单元都是一般管控单元。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_classify.py"/>
        <source>tick REPLACE_FIELDS to replace it</source>
        <translation>勾选 REPLACE_FIELDS 以替换它</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_classify.py"/>
        <source>The unit layer '{layer}' is empty: there is nothing to classify.</source>
        <translation>单元图层“{layer}”为空：没有可分类的单元。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_classify.py"/>
        <source>The priority and key factor layers are all empty: without factor zones every unit would be general.</source>
        <translation>优先保护和重点管控要素图层都为空：没有要素区域，所有单元都将是一般管控单元。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_classify.py"/>
        <source>{n} units have no 6-digit county code in {field}: they get no unit code.</source>
        <translation>{n} 个单元在 {field} 中没有 6 位县级代码：不为其编码。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_classify.py"/>
        <source>strict: priority factors cover {p:.2f} %</source>
        <translation>严格模式：优先保护要素覆盖 {p:.2f} %</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_classify.py"/>
        <source>strict: key factors cover part of the unit ({c:.2f} % controlled)</source>
        <translation>严格模式：重点管控要素覆盖单元的一部分（管控占比 {c:.2f} %）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_classify.py"/>
        <source>strict: no factor zone in the unit</source>
        <translation>严格模式：单元内没有要素区</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_classify.py"/>
        <source>priority {p:.2f} % ≥ {t:g} %</source>
        <translation>优先保护 {p:.2f} % ≥ {t:g} %</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_classify.py"/>
        <source>priority {p:.2f} % &lt; {t:g} %, priority + key {c:.2f} % ≥ {t:g} %</source>
        <translation>优先保护 {p:.2f} % &lt; {t:g} %，优先保护 + 重点管控 {c:.2f} % ≥ {t:g} %</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_classify.py"/>
        <source>priority + key {c:.2f} % &lt; {t:g} %</source>
        <translation>优先保护 + 重点管控 {c:.2f} % &lt; {t:g} %</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_code.py"/>
        <source>Code control units</source>
        <translation>管控单元编码</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_code.py"/>
        <source>Assigns or repairs environmental control unit codes ZH + 6-digit county code + class digit + 4-digit sequence. The county is the one in COUNTIES holding most of the unit; the class comes from the class field. A code is kept when its format, county and class digits are right and no earlier unit holds it; every other unit (empty, malformed, wrong county or class, duplicate) gets the next free sequence of its county and class, north to south then west to east. RECODE_ALL renumbers every unit.&lt;br&gt;&lt;br&gt;Outputs: the units with all their attributes and the corrected code field (created when missing; an existing CODE_FIELD must be a text field holding unit codes, so that nothing else is overwritten); the findings, with one UNIT_CODE_CHANGED per changed code (old → new); and a table of the changes with old and new codes and the reason.</source>
        <translation>为生态环境管控单元赋予或修复编码：ZH + 6 位县级代码 + 类别数字 + 4 位顺序号。县为 COUNTIES 中包含单元大部分面积的县；类别取自类别字段。编码格式、县级代码和类别位均正确且未被前面的单元占用时保留；其余单元（空值、格式错误、县或类别不符、重复）按自北向南、自西向东的顺序取其县和类别的下一个空闲顺序号。RECODE_ALL 为所有单元重新编号。&lt;br&gt;&lt;br&gt;输出：带全部属性和修正后编码字段的单元（缺少该字段时新建；已有的 CODE_FIELD 必须是存放单元编码的文本字段，以免覆盖其他内容）；问题图层，每个变更的编码一条 UNIT_CODE_CHANGED（旧 → 新）；以及列出新旧编码和原因的变更表。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_code.py"/>
        <source>Counties (for the county code)</source>
        <translation>县（用于县级代码）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_code.py"/>
        <source>Renumber every unit, not only the wrong codes</source>
        <translation>为所有单元重新编号，而不只是错误的编码</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_code.py"/>
        <source>Unit code field (created when missing)</source>
        <translation>单元编码字段（缺少时新建）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_code.py"/>
        <source>Unit class field (1/2/3 or the class name)</source>
        <translation>单元类别字段（1/2/3 或类别名称）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_code.py"/>
        <source>Coded units</source>
        <translation>已编码单元</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_code.py"/>
        <source>Coding findings</source>
        <translation>编码问题</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_code.py"/>
        <source>Code changes</source>
        <translation>编码变更</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_code.py"/>
        <source>UNITS has no field {field}: it is created.</source>
        <translation>UNITS 没有字段 {field}：已新建。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_code.py"/>
        <source>{n} of {total} unit codes assigned or changed.</source>
        <translation>{total} 个单元中有 {n} 个编码被赋予或修改。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_code.py"/>
        <source>Layer '{layer}' is empty.</source>
        <translation>图层“{layer}”为空。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_code.py"/>
        <source>CODE_FIELD: field '{field}' of layer '{layer}' holds {values}, none of them a unit code (ZH…), and the output rewrites this field with codes. Choose the unit code field, or a name the layer does not have (the field is then created).</source>
        <translation>CODE_FIELD：图层“{layer}”的字段“{field}”的值为 {values}，都不是单元编码（ZH…），而输出会用编码改写该字段。请选择单元编码字段，或填写图层中没有的字段名（将新建该字段）。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_generate.py"/>
        <source>Generate control units (overlay)</source>
        <translation>生成管控单元（叠加法）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_generate.py"/>
        <source>Builds environmental control units (生态环境管控单元, 三线一单) by the overlay method: inside each administrative polygon (county or township) the union of the priority factor layers becomes priority protection (class 1), the key factor layers minus that become key control (class 2), and the rest general control (class 3). Pieces smaller than MIN_UNIT_AREA merge into the neighbour of the same class, in the same county, with the longest shared boundary; a key or general piece with no such neighbour joins its longest-boundary neighbour. Priority area is never downgraded and no unit crosses a county line.&lt;br&gt;&lt;br&gt;The units tile ADMIN exactly. Each gets its code ZH + county code + class + 4-digit sequence (north to south, then west to east: the same input gives the same codes), a name, its class and its ellipsoidal area (CGCS2000) in m² and hectares. ADMIN_CODE_FIELD holds the 6-digit county code (for townships: the county's code, or a 9/12-digit township code starting with it). Factor layers in another CRS are reprojected to ADMIN's CRS. Invalid geometries are reported and repaired copies used. Output field names are in the advanced parameters.</source>
        <translation>以叠加法划定生态环境管控单元（三线一单）：在每个行政区（县或乡镇）内，优先保护要素图层的并集划为优先保护单元（1 类），重点管控要素图层扣除优先保护区后划为重点管控单元（2 类），其余为一般管控单元（3 类）。小于 MIN_UNIT_AREA 的图斑并入同一县内、同类且公共边界最长的相邻单元；找不到同类相邻单元的重点或一般管控碎片并入公共边界最长的相邻单元。优先保护区域绝不降级，单元不跨县界。&lt;br&gt;&lt;br&gt;单元完整覆盖 ADMIN，无缝无叠。每个单元获得编码 ZH + 县级代码 + 类别 + 4 位顺序号（自北向南、自西向东编号：相同输入得到相同编码）、名称、类别，以及 CGCS2000 椭球面积（平方米和公顷）。ADMIN_CODE_FIELD 为 6 位县级代码（乡镇图层：所属县的代码，或以县级代码开头的 9/12 位乡镇代码）。其他坐标系的要素图层会重投影到 ADMIN 的坐标系。无效几何会被报告，并使用修复后的副本。输出字段名在高级参数中设置。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_generate.py"/>
        <source>Administrative polygons: counties or townships</source>
        <translation>行政区面图层：县或乡镇</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_generate.py"/>
        <source>County code field (6-digit GB/T 2260; townships: their county's code)</source>
        <translation>县级代码字段（6 位 GB/T 2260；乡镇图层：所属县的代码）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_generate.py"/>
        <source>Name field (gives the unit names)</source>
        <translation>名称字段（用于单元名称）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_generate.py"/>
        <source>Minimum unit area (m²); smaller pieces merge into a neighbour</source>
        <translation>最小单元面积（平方米）；更小的图斑并入相邻单元</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_generate.py"/>
        <source>One unit per class and administrative polygon (multipart) instead of per part</source>
        <translation>每个行政区每类生成一个单元（多部件），而不是每个部件一个单元</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_generate.py"/>
        <source>A key or general fragment with no same-class neighbour joins another class</source>
        <translation>没有同类相邻单元的重点或一般管控碎片并入其他类别</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_generate.py"/>
        <location filename="../../ui/jobs.py"/>
        <source>Environmental control units</source>
        <translation>生态环境管控单元</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_generate.py"/>
        <source>Unit generation findings</source>
        <translation>单元生成问题</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_generate.py"/>
        <source>The administrative layer '{layer}' is empty: there is nothing to divide into units.</source>
        <translation>行政区图层“{layer}”为空：没有可划分单元的区域。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_generate.py"/>
        <source>ADMIN has no name field (ADMIN_NAME_FIELD): units are named by county code.</source>
        <translation>ADMIN 没有名称字段（ADMIN_NAME_FIELD）：单元以县级代码命名。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_generate.py"/>
        <source>No priority or key factor layer was given: every unit will be a general control unit.</source>
        <translation>未提供优先保护或重点管控要素图层：所有单元都将是一般管控单元。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_generate.py"/>
        <source>{n} units: {p} priority, {k} key, {g} general.</source>
        <translation>共 {n} 个单元：优先保护 {p} 个，重点管控 {k} 个，一般管控 {g} 个。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_generate.py"/>
        <source>Priority protection factor layers (优先保护: red line, protected areas, water sources…)</source>
        <translation>优先保护要素图层（优先保护：生态保护红线、自然保护地、饮用水水源地等）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_generate.py"/>
        <source>Key control factor layers (重点管控: urban and industrial areas, high-emission zones…)</source>
        <translation>重点管控要素图层（重点管控：城镇和工业区、高排放区等）</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_generate.py"/>
        <source>Factor layer '{layer}' is empty; it is skipped.</source>
        <translation>要素图层“{layer}”为空，已跳过。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_generate.py"/>
        <source>Factor layer '{layer}' is in {src}; it is reprojected to {dst}.</source>
        <translation>要素图层“{layer}”的坐标系为 {src}，已重投影到 {dst}。</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_generate.py"/>
        <source>{n} administrative polygons have a code that is not a 6-digit county code; their units are left without a code: {list}</source>
        <translation>{n} 个行政区面的代码不是 6 位县级代码，其单元没有编码：{list}</translation>
    </message>
    <message>
        <location filename="../../processing/algorithms/units_generate.py"/>
        <source>{n} pairs of administrative polygons overlap ({list}); the units cut from them overlap too. Fix the administrative layer.</source>
        <translation>{n} 对行政区面相互重叠（{list}）；由其切分的单元也会重叠。请修正行政区图层。</translation>
    </message>
    <message>
        <location filename="../../ui/exception_dialog.py"/>
        <source>Accept as exception</source>
        <translation>接受为例外</translation>
    </message>
    <message>
        <location filename="../../ui/exception_dialog.py"/>
        <source>Later runs of this check report the finding as an excepted note, not as an error or a warning, while it stays where it is. The exception is kept in {file} beside the project.</source>
        <translation>只要该问题位置不变，此项检查以后运行时会将其报告为“已接受例外”的提示，不再计为错误或警告。例外保存在项目旁的 {file} 中。</translation>
    </message>
    <message>
        <location filename="../../ui/exception_dialog.py"/>
        <source>Reason (required):</source>
        <translation>理由（必填）：</translation>
    </message>
    <message>
        <location filename="../../ui/exception_dialog.py"/>
        <source>e.g. approved by the county on 2024-05-10 (document no. …)</source>
        <translation>例如：县级 2024-05-10 批准（文号……）</translation>
    </message>
    <message>
        <location filename="../../ui/export.py"/>
        <source>This GDAL has no XLSX driver; export to CSV instead.</source>
        <translation>当前 GDAL 没有 XLSX 驱动，请改为导出 CSV。</translation>
    </message>
    <message>
        <location filename="../../ui/findings_dock.py"/>
        <source>Checked</source>
        <translation>已核查</translation>
    </message>
    <message>
        <location filename="../../ui/findings_dock.py"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/findings_dock.py"/>
        <source>Rule id</source>
        <translation>规则编号</translation>
    </message>
    <message>
        <location filename="../../ui/findings_dock.py"/>
        <source>Ecological Space findings</source>
        <translation>生态空间管控问题列表</translation>
    </message>
    <message>
        <location filename="../../ui/findings_dock.py"/>
        <source>Errors and warnings</source>
        <translation>错误和警告</translation>
    </message>
    <message>
        <location filename="../../ui/findings_dock.py"/>
        <source>All severities</source>
        <translation>全部严重程度</translation>
    </message>
    <message>
        <location filename="../../ui/findings_dock.py"/>
        <source>No findings yet: run a check from the Ecological Space menu.</source>
        <translation>暂无问题：请从“生态空间管控”菜单运行一项检查。</translation>
    </message>
    <message>
        <location filename="../../ui/findings_dock.py"/>
        <source>Ticked when you have checked this finding (kept in the project)</source>
        <translation>核查过此问题后勾选（保存在项目中）</translation>
    </message>
    <message>
        <location filename="../../ui/findings_dock.py"/>
        <source>fid {fid}</source>
        <translation>fid {fid}</translation>
    </message>
    <message>
        <location filename="../../ui/findings_dock.py"/>
        <source>{note} (counted as a note from the next run)</source>
        <translation>{note}（下次运行起计为提示）</translation>
    </message>
    <message>
        <location filename="../../ui/findings_dock.py"/>
        <source>{shown} of {total} findings listed</source>
        <translation>列出 {shown} / {total} 个问题</translation>
    </message>
    <message>
        <location filename="../../ui/findings_dock.py"/>
        <source>{n} checked</source>
        <translation>已核查 {n} 个</translation>
    </message>
    <message>
        <location filename="../../ui/findings_dock.py"/>
        <source>{n} excepted</source>
        <translation>已按例外处理 {n} 个</translation>
    </message>
    <message>
        <location filename="../../ui/findings_dock.py"/>
        <source>notes not listed: {rules} (choose “All severities” to list them)</source>
        <translation>未列出的提示：{rules}（选择“全部严重程度”即可列出）</translation>
    </message>
    <message>
        <location filename="../../ui/findings_dock.py"/>
        <source>Save the project first: the exceptions are kept in {file} beside it.</source>
        <translation>请先保存项目：例外保存在项目旁的 {file} 中。</translation>
    </message>
    <message>
        <location filename="../../ui/findings_dock.py"/>
        <source>The exception was not saved: {error}</source>
        <translation>例外未保存：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/findings_dock.py"/>
        <source>The exception was not removed: {error}</source>
        <translation>例外未删除：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/findings_dock.py"/>
        <source>{rule} — {layer}, feature {feature}</source>
        <translation>{rule} — {layer}，要素 {feature}</translation>
    </message>
    <message>
        <location filename="../../ui/findings_dock.py"/>
        <source>This finding has no location (e.g. a missing field).</source>
        <translation>该问题没有位置（例如缺少字段）。</translation>
    </message>
    <message>
        <location filename="../../ui/findings_dock.py"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/findings_dock.py"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/findings_dock.py"/>
        <source>Export findings</source>
        <translation>导出问题列表</translation>
    </message>
    <message>
        <location filename="../../ui/jobs.py"/>
        <source>Red-line delineation</source>
        <translation>生态保护红线划定</translation>
    </message>
    <message>
        <location filename="../../ui/jobs.py"/>
        <source>Generate units (overlay)</source>
        <translation>生成管控单元（叠加法）</translation>
    </message>
    <message>
        <location filename="../../ui/jobs.py"/>
        <source>Classify units (fitting)</source>
        <translation>划分单元类别（拟合法）</translation>
    </message>
    <message>
        <location filename="../../ui/jobs.py"/>
        <source>Check a unit layer</source>
        <translation>检查管控单元成果</translation>
    </message>
    <message>
        <location filename="../../ui/jobs.py"/>
        <source>Code units (assign or repair codes)</source>
        <translation>管控单元编码（赋码或修复编码）</translation>
    </message>
    <message>
        <location filename="../../ui/jobs.py"/>
        <source>Functional zones of reserves</source>
        <translation>保护地功能分区检查</translation>
    </message>
    <message>
        <location filename="../../ui/jobs.py"/>
        <source>Overlaps between protected areas</source>
        <translation>自然保护地交叉重叠</translation>
    </message>
    <message>
        <location filename="../../ui/jobs.py"/>
        <source>Human activity in reserves</source>
        <translation>保护地内人类活动</translation>
    </message>
    <message>
        <location filename="../../ui/jobs.py"/>
        <source>Project siting check</source>
        <translation>项目选址检查</translation>
    </message>
    <message>
        <location filename="../../ui/task_dialog.py"/>
        <source>Log of the run:</source>
        <translation>运行日志：</translation>
    </message>
    <message>
        <location filename="../../ui/task_dialog.py"/>
        <source>Default: {value}</source>
        <translation>默认值：{value}</translation>
    </message>
    <message>
        <location filename="../../ui/task_dialog.py"/>
        <source>{rule} {title} ({severity}); source: {source}</source>
        <translation>{rule} {title}（{severity}）；依据：{source}</translation>
    </message>
    <message>
        <location filename="../../ui/task_dialog.py"/>
        <source>Asked before the first run: the project is not saved yet</source>
        <translation>首次运行前询问：项目尚未保存</translation>
    </message>
    <message>
        <location filename="../../ui/task_dialog.py"/>
        <source>Please choose: {names}</source>
        <translation>请选择：{names}</translation>
    </message>
    <message>
        <location filename="../../ui/task_dialog.py"/>
        <source>Not started: choose an output folder for the results.</source>
        <translation>未开始运行：请为结果选择输出文件夹。</translation>
    </message>
    <message>
        <location filename="../../ui/task_dialog.py"/>
        <source>The output folder {folder} cannot be created: {error}</source>
        <translation>无法创建输出文件夹 {folder}：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/task_dialog.py"/>
        <source>Running…</source>
        <translation>正在运行…</translation>
    </message>
    <message>
        <location filename="../../ui/task_dialog.py"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../ui/task_dialog.py"/>
        <source>Done: {e} errors, {w} warnings, {i} notes.</source>
        <translation>完成：{e} 个错误，{w} 个警告，{i} 个提示。</translation>
    </message>
    <message>
        <location filename="../../ui/task_dialog.py"/>
        <source>Done: the results are in the group {group}.</source>
        <translation>完成：结果已加载到图层组 {group}。</translation>
    </message>
    <message>
        <location filename="../../ui/task_dialog.py"/>
        <source>Files: {folder}</source>
        <translation>文件位置：{folder}</translation>
    </message>
    <message>
        <location filename="../../ui/task_dialog.py"/>
        <source>Cancelled. No layer was added and no file was kept.</source>
        <translation>已取消。未添加图层，也未保留任何文件。</translation>
    </message>
    <message>
        <location filename="../../ui/task_dialog.py"/>
        <source>The run failed: {reason}</source>
        <translation>运行失败：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets.py"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets.py"/>
        <source>= {ha} ha</source>
        <translation>= {ha} 公顷</translation>
    </message>
    <message>
        <source>Raster '{layer}' could not be read: {error}. The file is probably cut off or damaged: use a complete copy.</source>
        <translation type="vanished">无法读取栅格“{layer}”：{error}。该文件可能被截断或已损坏：请使用完整的副本。</translation>
    </message>
    <message>
        <source>Threads (default: one per processor core)</source>
        <translation type="vanished">线程数（默认：每个处理器核心一个）</translation>
    </message>
    <message>
        <source>The checks run on this many processor cores at once, each on a part of the area; the findings are the same for any number of threads. 1 runs them in one piece and leaves the other cores free.</source>
        <translation type="vanished">检查同时在这么多个处理器核心上运行，每个核心处理区域的一部分；无论线程数多少，检查结果完全相同。设为 1 则整体运行，把其他核心留给别的工作。</translation>
    </message>
    <message>
        <source>{shown} of {total} findings</source>
        <translation type="vanished">显示 {shown} / 共 {total} 个问题</translation>
    </message>
    <message>
        <source>Red: errors, orange: warnings, blue: information. Circles mark findings too small to see at this scale.</source>
        <translation type="vanished">红色：错误；橙色：警告；蓝色：提示。圆圈标示在当前比例尺下因过小而无法看清的问题。</translation>
    </message>
    <message>
        <source>The one-click assessment (一键分析) of planned project sites against environmental control units (三线一单). Each site (point, line or polygon) is cut by the units it touches: one row per site and unit gives the unit's code, name and class, the length or area of the site inside it, its share of the site, and the access-list rules (准入清单) that apply: rows of the list keyed by the unit's code, rows keyed by its class (province-wide lists), rows with neither (apply everywhere), optionally narrowed by industry. Sites entering the ecological protection red line or a protected area's core zone are errors; sites or parts of sites outside every unit, and list rows naming unknown unit codes, are warnings.&lt;br&gt;&lt;br&gt;The access list is a table with the columns HJZHGKDYBM (unit code) and/or ZHGKDYFL (class) and the four dimensions KJBJYS, PWWPFGK, HJFXFK, ZYKFXLYQ (+ REMARK): a CSV file (UTF-8 or GBK), an XLSX workbook (every sheet is read) or a layer; give both a file and a layer to stack two lists. PROTECTED_AREAS takes functional zones with their zone field: the zones named in CORE_ZONES count as core zones (by default 核心保护区, and 核心区 and 缓冲区 of the old three-zone system); without a zone field every polygon counts as a core zone.&lt;br&gt;&lt;br&gt;Areas and lengths are ellipsoidal on CGCS2000; a point on a shared edge counts half in each unit. The HTML report has one section per site, with a map and its rules, for project officers. Inputs are never modified.</source>
        <translation type="vanished">对拟建项目选址与生态环境管控单元（三线一单）进行一键分析。每个选址（点、线或面）按其涉及的单元切分：每个选址与单元各一行，给出单元编码、名称和分类、选址在该单元内的长度或面积、占选址的比例，以及适用的准入清单条款：按单元编码的清单行、按分类的清单行（全省分类清单）、两者皆无的清单行（普遍适用），可按行业进一步筛选。选址进入生态保护红线或自然保护地核心保护区为错误；选址或其部分位于所有单元之外、清单中出现不存在的单元编码为警告。&lt;br&gt;&lt;br&gt;准入清单为一张表，含 HJZHGKDYBM（单元编码）和/或 ZHGKDYFL（分类）列以及 KJBJYS、PWWPFGK、HJFXFK、ZYKFXLYQ 四个维度（+ REMARK）：可以是 CSV 文件（UTF-8 或 GBK）、XLSX 工作簿（读取所有工作表）或图层；同时给出文件和图层则两份清单叠加。PROTECTED_AREAS 为带分区字段的功能分区：CORE_ZONES 中列出的分区视为核心区（缺省为核心保护区，以及旧三区制的核心区和缓冲区）；未给分区字段时每个面都视为核心区。&lt;br&gt;&lt;br&gt;面积和长度为 CGCS2000 椭球值；位于两个单元公共边上的点在每个单元各计一半。HTML 报告为每个选址单列一节，含地图和适用条款，供项目审批人员阅读。不修改输入数据。</translation>
    </message>
    <message>
        <source>Patch {fid} extends {area} into county {detail}. Split it at the county boundary so each county's ledger holds its own part.</source>
        <translation type="vanished">图斑 {fid} 有 {area} 伸入县（区）{detail}。请沿县（区）界切分，使各县（区）台账只包含本县（区）范围内的部分。</translation>
    </message>
    <message>
        <source>Unit below the minimum area kept</source>
        <translation type="vanished">保留了小于最小面积的单元</translation>
    </message>
    <message>
        <source>Unit {fid} covers only {area}, below {threshold:,.0f} m², and has no neighbour it may merge into (same class, same county). It is kept.</source>
        <translation type="vanished">单元 {fid} 面积仅 {area}，小于 {threshold:,.0f} 平方米，且没有可并入的相邻单元（同类、同县），予以保留。</translation>
    </message>
    <message>
        <source>Checks a delivered environmental control unit layer (生态环境管控单元, 三线一单): the unit code ZH + 6-digit county code + class digit + 4-digit sequence (format, class digit against the class field, county digits against the county holding the unit, one code per sequence within county and class); gaps and overlaps against the study area (STUDY_AREA, or the union of COUNTIES); units crossing county lines; red-line area inside key or general units (REDLINE); classes that disagree with the factor layers by the fitting rule (PRIORITY_LAYERS, KEY_LAYERS, SHARE_THRESHOLD); empty access-list fields (KJBJYS, PWWPFGK, HJFXFK, ZYKFXLYQ) when the layer carries them; and statistics per county and class.&lt;br&gt;&lt;br&gt;Invalid geometries are reported and the other checks use repaired copies. Every finding lies on the piece concerned, with its ellipsoidal area on the CGCS2000 ellipsoid. All layers are reprojected to the unit layer's CRS. Inputs are never modified.&lt;br&gt;&lt;br&gt;Tolerances: gaps above 1 m² and overlaps above 0.01 m² are findings (DOMAIN 1, our own defaults). The field names default to those of a real provincial platform; map yours in the advanced parameters.</source>
        <translation type="vanished">检查交付的生态环境管控单元（三线一单）图层：单元编码 ZH + 6 位县级代码 + 分类位 + 4 位顺序码（格式、分类位与分类字段一致、县级代码与单元所在县一致、同县同类顺序码唯一）；与研究区（STUDY_AREA，缺省为 COUNTIES 的并集）相比的缝隙与重叠；跨县界单元；重点或一般管控单元中的生态保护红线（REDLINE）；按拟合规则与要素图层（PRIORITY_LAYERS、KEY_LAYERS、SHARE_THRESHOLD）不一致的分类；图层带有准入清单字段（KJBJYS、PWWPFGK、HJFXFK、ZYKFXLYQ）时的空值；以及按县、按类统计。&lt;br&gt;&lt;br&gt;无效几何会被报告，其他检查使用修复后的副本。每个问题都落在相关图形上，并给出 CGCS2000 椭球面积。所有图层均投影到单元图层的坐标系。不修改输入数据。&lt;br&gt;&lt;br&gt;容差：缝隙大于 1 m²、重叠大于 0.01 m² 视为问题（DOMAIN 1，本工具默认值）。字段名默认采用某省级平台的字段名，可在高级参数中映射为您的字段。</translation>
    </message>
    <message>
        <source>No value of {field} is a 6-digit county code (e.g. 450122), nor a township code starting with one. Choose the field that holds the county codes.</source>
        <translation type="vanished">{field} 中没有任何值是 6 位县级代码（如 450122），也不是以县级代码开头的乡镇代码。请选择存放县级代码的字段。</translation>
    </message>
    <message>
        <source>The access list has neither a unit-code column '{code}' nor a class column '{cls}' (its columns: {cols}). Name them so, or set ACCESS_CODE_FIELD / ACCESS_CLASS_FIELD.</source>
        <translation type="vanished">准入清单既没有单元编码列“{code}”，也没有分类列“{cls}”（现有列：{cols}）。请按此命名，或设置 ACCESS_CODE_FIELD / ACCESS_CLASS_FIELD。</translation>
    </message>
    <message>
        <source>Raster '{layer}' has no valid cell: every cell is NoData. Check the band and the NoData value.</source>
        <translation type="vanished">栅格“{layer}”没有有效像元：所有像元均为 NoData。请检查波段和 NoData 值。</translation>
    </message>
    <message>
        <source>Grades ecosystem-service rasters (water conservation, biodiversity maintenance, soil conservation, windbreak and sand fixation, coastal protection) into 3 = extremely important (极重要), 2 = important (重要) and 1 = generally important (一般重要), as in the red-line delineation guide.&lt;br&gt;&lt;br&gt;For each service the valid cells are sorted by value, from high to low, and their values accumulated. The break for 50 % is the value of the first cell at which the running total reaches 50 % of the total value; every cell with a value at or above it is extremely important. The 80 % break works the same way, and the remaining cells are generally important. The breaks are exact, yet the raster is read block by block, so rasters far larger than memory can be graded. NoData cells are ignored and stay NoData.&lt;br&gt;&lt;br&gt;The overall grade of a cell is its highest class across the services. Rasters on another grid are resampled to the first raster's grid (you are told). In a geographic CRS every cell is weighted by its ellipsoidal area (CGCS2000); in a projected CRS cells are taken as equal-area. The table lists the breaks and the ellipsoidal area of each class per service.&lt;br&gt;&lt;br&gt;BREAKS: cumulative percentages of the total value, increasing, between 0 and 100 (default 50,80). Outputs are GeoTIFFs (byte values 3, 2, 1; NoData 0) with a colour table and a QML style beside them.</source>
        <translation type="vanished">按生态保护红线划定指南，将生态系统服务栅格（水源涵养、生物多样性维护、水土保持、防风固沙、海岸防护）分为 3 = 极重要、2 = 重要、1 = 一般重要。&lt;br&gt;&lt;br&gt;对每项服务，将有效像元按值从高到低排序并累加。50% 分界值是累加值首次达到总值 50% 时该像元的值；值大于或等于该分界值的像元均为极重要。80% 分界值同理，其余像元为一般重要。分界值是精确的，但栅格按块读取，因此远大于内存的栅格也能分级。NoData 像元不参与计算，输出中仍为 NoData。&lt;br&gt;&lt;br&gt;像元的综合等级取其在各项服务中的最高等级。格网不同的栅格会重采样到第一个栅格的格网（并给出提示）。在地理坐标系中，每个像元按其椭球面积（CGCS2000）加权；在投影坐标系中，像元视为等面积。表格列出每项服务的分界值和各等级的椭球面积。&lt;br&gt;&lt;br&gt;BREAKS：总值的累计百分比，递增，介于 0 和 100 之间（默认 50,80）。输出为 GeoTIFF（字节值 3、2、1；NoData 为 0），带颜色表，并在旁边附 QML 样式。</translation>
    </message>
    <message>
        <source>Layer '{layer}' has no coordinate reference system. Set it in Layer Properties › Source (Chinese data is usually CGCS2000: EPSG:4490, or a Gauss-Kruger zone such as EPSG:4524) and run again.</source>
        <translation type="vanished">图层“{layer}”没有坐标参考系。请在“图层属性 › 源”中设置（国内数据通常采用 CGCS2000：EPSG:4490，或高斯-克吕格投影带，如 EPSG:4524），然后重新运行。</translation>
    </message>
    <message>
        <source>Raster '{layer}' has no coordinate reference system. Set it in Layer Properties › Source (usually CGCS2000: EPSG:4490, or a Gauss-Kruger zone such as EPSG:4524) and run again.</source>
        <translation type="vanished">栅格“{layer}”没有坐标参照系。请在“图层属性 › 源”中设置（通常为 CGCS2000：EPSG:4490，或高斯-克吕格投影带，如 EPSG:4524）后重新运行。</translation>
    </message>
    <message>
        <source>Layer '{layer}' has no coordinate reference system. Set it in Layer Properties › Source and run again.</source>
        <translation type="vanished">图层“{layer}”没有坐标参考系。请在 图层属性 › 源 中设置后重新运行。</translation>
    </message>
    <message>
        <source>COUNTIES is given: choose its county code field (COUNTY_CODE_FIELD).</source>
        <translation type="vanished">已指定县（区）图层（COUNTIES）：请选择其县（区）代码字段（COUNTY_CODE_FIELD）。</translation>
    </message>
    <message>
        <source>Raster '{layer}' has no coordinate reference system. Set it and run again.</source>
        <translation type="vanished">栅格“{layer}”没有坐标参考系。请设置后重新运行。</translation>
    </message>
    <message>
        <source>Compares an old and a new version of the ecological protection red line (the evaluation-and-adjustment work, 评估调整): the pieces added and removed, with their ellipsoidal area in m² and hectares and the county holding them; for every removed piece, the reason layers it overlaps (farmland, construction land, mining rights, protected areas…) or a warning that it has no stated reason; and a per-county table of the area before and after, added, removed, the net change and the shares of the county's area.&lt;br&gt;&lt;br&gt;Features whose geometry is the same in both versions are skipped without any overlay, so a province with a few changed patches is compared in seconds. NEW is reprojected to OLD's CRS when they differ. Both versions are expected to be red lines of disjoint patches (check them with the red-line delivery check). Inputs are never modified.</source>
        <translation type="vanished">对比生态保护红线的新旧两个版本（评估调整工作）：新增和调出的图斑，含椭球面积（m² 和公顷）及所在县；每个调出图斑所叠加的理由图层（耕地、建设用地、矿业权、自然保护地等），无理由的给出警告；以及分县统计表：调整前面积、调整后面积、新增、调出、净变化及占县域面积的比例。&lt;br&gt;&lt;br&gt;两版中几何完全相同的要素直接跳过，不做叠加分析，因此仅少量图斑变化的全省数据可在数秒内完成对比。两版坐标系不同时，NEW 重投影到 OLD 的坐标系。两版红线应为互不重叠的图斑（可先用红线成果质检检查）。输入数据不会被修改。</translation>
    </message>
    <message>
        <source>No zone's reserve id matches any reserve id. The zones give {values}{more}. Check RESERVE_ID_FIELD and ZONE_RESERVE_FIELD: they must hold the same codes.</source>
        <translation type="vanished">没有任何功能分区的保护地代码与保护地代码相符。功能分区中的代码为 {values}{more}。请检查 RESERVE_ID_FIELD 和 ZONE_RESERVE_FIELD：两者应为同一套代码。</translation>
    </message>
    <message>
        <source>Choose the county code field of COUNTIES (COUNTY_CODE_FIELD).</source>
        <translation type="vanished">请选择 COUNTIES 的县级代码字段（COUNTY_CODE_FIELD）。</translation>
    </message>
    <message>
        <source>Classifies existing unit polygons (e.g. townships) by the fitting method: a unit is a priority protection unit (class 1) when the priority factor layers cover at least SHARE_THRESHOLD percent of it, a key control unit (class 2) when priority and key factors together reach the threshold (就高), otherwise a general control unit (class 3). With STRICT any overlap above 0.01 m² counts.&lt;br&gt;&lt;br&gt;The output is the input units with all their attributes, plus the class, the share of the priority, key and combined factor zones, the share of every factor layer (fields PCT_&amp;lt;layer&amp;gt;) and a short 'basis' sentence, so each decision can be read. With COUNTY_CODE_FIELD the units are also coded ZH + county + class + sequence. Areas are ellipsoidal on CGCS2000; factor layers are reprojected to the units' CRS.</source>
        <translation type="vanished">以拟合法对现有单元面（如乡镇）分类：优先保护要素覆盖单元面积达到 SHARE_THRESHOLD 百分比时为优先保护单元（1 类）；优先保护与重点管控要素合计达到该阈值时为重点管控单元（2 类，就高）；否则为一般管控单元（3 类）。STRICT 模式下任何大于 0.01 平方米的重叠都计入。&lt;br&gt;&lt;br&gt;输出为输入单元及其全部属性，另加类别、优先保护、重点管控及两者合计的面积占比、每个要素图层的占比（字段 PCT_&amp;lt;图层&amp;gt;）和一句“依据”说明，便于读懂每个判定。给出 COUNTY_CODE_FIELD 时，还按 ZH + 县级代码 + 类别 + 顺序号为单元编码。面积为 CGCS2000 椭球面积；要素图层会重投影到单元图层的坐标系。</translation>
    </message>
    <message>
        <source>Assigns or repairs environmental control unit codes ZH + 6-digit county code + class digit + 4-digit sequence. The county is the one in COUNTIES holding most of the unit; the class comes from the class field. A code is kept when its format, county and class digits are right and no earlier unit holds it; every other unit (empty, malformed, wrong county or class, duplicate) gets the next free sequence of its county and class, north to south then west to east. RECODE_ALL renumbers every unit.&lt;br&gt;&lt;br&gt;Outputs: the units with all their attributes and the corrected code field (created when missing); the findings, with one UNIT_CODE_CHANGED per changed code (old → new); and a table of the changes with old and new codes and the reason.</source>
        <translation type="vanished">为生态环境管控单元赋予或修复编码：ZH + 6 位县级代码 + 类别数字 + 4 位顺序号。县为 COUNTIES 中包含单元大部分面积的县；类别取自类别字段。编码格式、县级代码和类别位均正确且未被前面的单元占用时保留；其余单元（空值、格式错误、县或类别不符、重复）按自北向南、自西向东的顺序取其县和类别的下一个空闲顺序号。RECODE_ALL 为所有单元重新编号。&lt;br&gt;&lt;br&gt;输出：带全部属性和修正后编码字段的单元（缺少该字段时新建）；问题图层，每个变更的编码一条 UNIT_CODE_CHANGED（旧 → 新）；以及列出新旧编码和原因的变更表。</translation>
    </message>
    <message>
        <source>Choose the county code field of ADMIN (ADMIN_CODE_FIELD).</source>
        <translation type="vanished">请选择 ADMIN 的县级代码字段（ADMIN_CODE_FIELD）。</translation>
    </message>
    <message>
        <source>ADMIN has no field {field}: units are named by county code.</source>
        <translation type="vanished">ADMIN 没有字段 {field}：单元以县级代码命名。</translation>
    </message>
</context>
<context>
    <name>FindingsDockBase</name>
    <message>
        <location filename="../../ui/forms/findings_dock.ui"/>
        <source>Findings</source>
        <translation>问题列表</translation>
    </message>
    <message>
        <location filename="../../ui/forms/findings_dock.ui"/>
        <source>No findings yet: run a check from the Ecological Space menu.</source>
        <translation>暂无问题：请从“生态空间管控”菜单运行一项检查。</translation>
    </message>
    <message>
        <location filename="../../ui/forms/findings_dock.ui"/>
        <source>Filter: rule, layer, feature or message…</source>
        <translation>筛选：规则、图层、要素或说明…</translation>
    </message>
    <message>
        <location filename="../../ui/forms/findings_dock.ui"/>
        <source>Show only findings of this severity</source>
        <translation>只显示该严重程度的问题</translation>
    </message>
    <message>
        <location filename="../../ui/forms/findings_dock.ui"/>
        <source>Choose a finding to select it, zoom to it and flash it</source>
        <translation>选择一个问题即可选中、缩放并闪烁显示它</translation>
    </message>
    <message>
        <location filename="../../ui/forms/findings_dock.ui"/>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <location filename="../../ui/forms/findings_dock.ui"/>
        <source>Select, zoom to and flash the previous finding (P or ↑ in the table)</source>
        <translation>选中、缩放并闪烁显示上一个问题（在表格中按 P 或 ↑）</translation>
    </message>
    <message>
        <location filename="../../ui/forms/findings_dock.ui"/>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <location filename="../../ui/forms/findings_dock.ui"/>
        <source>Select, zoom to and flash the next finding (N or ↓ in the table; Space ticks it as checked)</source>
        <translation>选中、缩放并闪烁显示下一个问题（在表格中按 N 或 ↓；空格键勾选为已核查）</translation>
    </message>
    <message>
        <location filename="../../ui/forms/findings_dock.ui"/>
        <source>Accept as exception…</source>
        <translation>接受为例外…</translation>
    </message>
    <message>
        <location filename="../../ui/forms/findings_dock.ui"/>
        <source>Accept this finding as an exception, with a reason: later runs report it as an excepted note (kept in ecospace_exceptions.gpkg beside the project)</source>
        <translation>将此问题连同理由接受为例外：以后运行时报告为“已接受例外”的提示（保存在项目旁的 ecospace_exceptions.gpkg 中）</translation>
    </message>
    <message>
        <location filename="../../ui/forms/findings_dock.ui"/>
        <source>Remove exception</source>
        <translation>删除例外</translation>
    </message>
    <message>
        <location filename="../../ui/forms/findings_dock.ui"/>
        <source>Remove the exception this finding matches from ecospace_exceptions.gpkg</source>
        <translation>从 ecospace_exceptions.gpkg 中删除此问题对应的例外</translation>
    </message>
    <message>
        <location filename="../../ui/forms/findings_dock.ui"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/forms/findings_dock.ui"/>
        <source>Save the findings shown (filtered and sorted) as a CSV file</source>
        <translation>将当前显示的问题（已筛选、排序）保存为 CSV 文件</translation>
    </message>
    <message>
        <location filename="../../ui/forms/findings_dock.ui"/>
        <source>Export XLSX…</source>
        <translation>导出 XLSX…</translation>
    </message>
    <message>
        <location filename="../../ui/forms/findings_dock.ui"/>
        <source>Save the findings shown (filtered and sorted) as an Excel workbook</source>
        <translation>将当前显示的问题（已筛选、排序）保存为 Excel 工作簿</translation>
    </message>
    <message>
        <location filename="../../ui/forms/findings_dock.ui"/>
        <source>Open report</source>
        <translation>打开报告</translation>
    </message>
    <message>
        <location filename="../../ui/forms/findings_dock.ui"/>
        <source>Open the HTML report of the last run in the web browser</source>
        <translation>在浏览器中打开最近一次运行的 HTML 报告</translation>
    </message>
    <message>
        <source>Click a finding to zoom to it</source>
        <translation type="vanished">单击问题可缩放到其位置</translation>
    </message>
</context>
<context>
    <name>FolderChoiceBase</name>
    <message>
        <location filename="../../ui/forms/folder_choice.ui"/>
        <source>Where should the results go?</source>
        <translation>结果保存到哪里？</translation>
    </message>
    <message>
        <location filename="../../ui/forms/folder_choice.ui"/>
        <source>This project is not saved yet, so there is no project folder to keep the results beside. Choose a folder for the findings, tables and reports of this run: they stay there after QGIS closes. (A temporary folder would be deleted when QGIS closes.)</source>
        <translation>此项目尚未保存，因此没有可存放结果的项目文件夹。请为本次运行的问题图层、统计表和报告选择一个文件夹：关闭 QGIS 后文件仍会保留在那里。（临时文件夹会在 QGIS 关闭时被删除。）</translation>
    </message>
    <message>
        <location filename="../../ui/forms/folder_choice.ui"/>
        <source>Use this folder for later runs too</source>
        <translation>以后的运行也使用此文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/forms/folder_choice.ui"/>
        <source>The folder is then shown in the Output folder field of the task dialogs. Clear that field to keep the results beside the saved project again.</source>
        <translation>之后该文件夹会显示在各任务对话框的“输出文件夹”一栏中。清空该栏即可重新将结果保存在已保存项目旁。</translation>
    </message>
</context>
<context>
    <name>TaskDialogBase</name>
    <message>
        <location filename="../../ui/forms/task_dialog.ui"/>
        <source>Ecological Space task</source>
        <translation>生态空间管控任务</translation>
    </message>
    <message>
        <location filename="../../ui/forms/task_dialog.ui"/>
        <source>Task:</source>
        <translation>任务：</translation>
    </message>
    <message>
        <location filename="../../ui/forms/task_dialog.ui"/>
        <source>This algorithm is not available in this version of the plugin.</source>
        <translation>本版本插件中没有该算法。</translation>
    </message>
    <message>
        <location filename="../../ui/forms/task_dialog.ui"/>
        <source>Advanced parameters</source>
        <translation>高级参数</translation>
    </message>
    <message>
        <location filename="../../ui/forms/task_dialog.ui"/>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/forms/task_dialog.ui"/>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/forms/task_dialog.ui"/>
        <source>The findings, statistics and the HTML report of each run are written here, named after the task and the time. Empty: the folder ecospace_outputs beside the saved project. A folder chosen here is remembered for later runs.</source>
        <translation>每次运行的问题图层、统计表和 HTML 报告写入此文件夹，文件以任务和时间命名。留空：写入已保存项目旁的 ecospace_outputs 文件夹。在此选择的文件夹会被记住，供以后运行使用。</translation>
    </message>
    <message>
        <location filename="../../ui/forms/task_dialog.ui"/>
        <source>Layer group</source>
        <translation>图层组</translation>
    </message>
    <message>
        <location filename="../../ui/forms/task_dialog.ui"/>
        <source>Replace the previous results of this task</source>
        <translation>替换本任务上次的结果</translation>
    </message>
    <message>
        <location filename="../../ui/forms/task_dialog.ui"/>
        <source>Add a new group</source>
        <translation>新增一个图层组</translation>
    </message>
    <message>
        <location filename="../../ui/forms/task_dialog.ui"/>
        <source>Ready.</source>
        <translation>就绪。</translation>
    </message>
    <message>
        <location filename="../../ui/forms/task_dialog.ui"/>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <location filename="../../ui/forms/task_dialog.ui"/>
        <source>Show or hide the whole message and the log of the last run.</source>
        <translation>显示或隐藏上次运行的完整消息和日志。</translation>
    </message>
    <message>
        <location filename="../../ui/forms/task_dialog.ui"/>
        <source>Open in Processing…</source>
        <translation>在处理工具中打开…</translation>
    </message>
    <message>
        <location filename="../../ui/forms/task_dialog.ui"/>
        <source>Open the standard Processing dialog of this algorithm with these values (for batch runs and every option).</source>
        <translation>以当前取值打开该算法的标准处理工具对话框（用于批处理及全部选项）。</translation>
    </message>
    <message>
        <location filename="../../ui/forms/task_dialog.ui"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../ui/forms/task_dialog.ui"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/forms/task_dialog.ui"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The findings, statistics and the HTML report of each run are written here, named after the task and the time.</source>
        <translation type="vanished">每次运行的问题图层、统计表和 HTML 报告都写入此处，文件以任务名称和时间命名。</translation>
    </message>
</context>
</TS>
