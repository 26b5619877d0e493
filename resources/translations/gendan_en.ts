<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>(便携模式)</source>
        <translation>(portable mode)</translation>
    </message>
    <message>
        <source>已复制。</source>
        <translation>Copied.</translation>
    </message>
</context>
<context>
    <name>AboutForm</name>
    <message>
        <source>关于跟单桌面</source>
        <translation>About Gendan Desktop</translation>
    </message>
    <message>
        <source>复制这些信息(&amp;C)</source>
        <translation>&amp;Copy this information</translation>
    </message>
    <message>
        <source>打开数据文件夹(&amp;O)</source>
        <translation>&amp;Open the data folder</translation>
    </message>
    <message>
        <source>数据库:</source>
        <translation>Database:</translation>
    </message>
    <message>
        <source>数据文件夹:</source>
        <translation>Data folder:</translation>
    </message>
    <message>
        <source>日志文件:</source>
        <translation>Log file:</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>版本:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <source>组件</source>
        <translation>Component</translation>
    </message>
    <message>
        <source>许可证</source>
        <translation>Licence</translation>
    </message>
    <message>
        <source>设置:</source>
        <translation>Settings:</translation>
    </message>
    <message>
        <source>跟单员的工作台:客户、订单、生产、出货、收款与售后。</source>
        <translation>The merchandiser's workbench: clients, orders, production, shipments, payments and after-sales.</translation>
    </message>
    <message>
        <source>跟单桌面 Gendan Desktop</source>
        <translation>跟单桌面 Gendan Desktop</translation>
    </message>
    <message>
        <source>随程序提供的组件及其许可证(选中一行查看):</source>
        <translation>Parts shipped with the program and their licences (select a row to read one):</translation>
    </message>
</context>
<context>
    <name>AftersalesTab</name>
    <message>
        <source>新建客诉</source>
        <translation>New complaint</translation>
    </message>
    <message>
        <source>筛选:客诉单号、订单号、客户或内容…</source>
        <translation>Filter: complaint no., order no., client or text…</translation>
    </message>
</context>
<context>
    <name>CardFactoryDialog</name>
    <message>
        <source>%1:%2,%3 件,现由 %4 生产。</source>
        <translation>%1: %2, %3 pcs, made by %4 now.</translation>
    </message>
    <message>
        <source>拆分流程卡 %1</source>
        <translation>Split flow card %1</translation>
    </message>
    <message>
        <source>改派流程卡 %1</source>
        <translation>Reassign flow card %1</translation>
    </message>
    <message>
        <source>订单指定的工厂</source>
        <translation>the order's factory</translation>
    </message>
</context>
<context>
    <name>CardFactoryForm</name>
    <message>
        <source>交给所选工厂的件数;原卡收回,按剩余数量和转出数量各开一张新卡</source>
        <translation>Pieces for the chosen factory; the card is recalled and replaced by one card for the rest and one for these</translation>
    </message>
    <message>
        <source>工厂 *</source>
        <translation>Factory *</translation>
    </message>
    <message>
        <source>流程卡工厂</source>
        <translation>Flow card factory</translation>
    </message>
    <message>
        <source>转出数量 *</source>
        <translation>Pieces to move *</translation>
    </message>
</context>
<context>
    <name>ClientBalance</name>
    <message>
        <source>(未计入 %1:汇率未设置,请在 工具 → 设置 → 币种 中填写)</source>
        <translation> (%1 not included: no exchange rate; set it in Tools → Settings → Currencies)</translation>
    </message>
    <message>
        <source>余额</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>余额合计折合 %1 %2</source>
        <translation>Balance in total: %1 %2</translation>
    </message>
    <message>
        <source>复制对账摘要</source>
        <translation>Copy balance</translation>
    </message>
    <message>
        <source>已出货</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <source>已复制,可粘贴到微信或邮件。</source>
        <translation>Copied: paste it into WeChat or an e-mail.</translation>
    </message>
    <message>
        <source>已收款</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>币种</source>
        <translation>Currency</translation>
    </message>
    <message>
        <source>扣款/折让</source>
        <translation>Credits</translation>
    </message>
    <message>
        <source>折合%1</source>
        <translation>In %1</translation>
    </message>
    <message>
        <source>折合本币</source>
        <translation>In home currency</translation>
    </message>
    <message>
        <source>按客户的沟通语言,复制各币种的出货、收款、余额和逾期金额,可粘贴到微信或邮件</source>
        <translation>Copies, in the client's language, what was shipped, received, is due and overdue per currency, ready for WeChat or e-mail</translation>
    </message>
    <message>
        <source>汇率未设置</source>
        <translation>No rate set</translation>
    </message>
    <message>
        <source>没有出货、折让或收款记录。</source>
        <translation>No shipments, credits or payments.</translation>
    </message>
</context>
<context>
    <name>ClientDetail</name>
    <message>
        <source>(联系人)</source>
        <translation>(contact)</translation>
    </message>
    <message>
        <source>PI号</source>
        <translation>PI no.</translation>
    </message>
    <message>
        <source>下单日期</source>
        <translation>Order date</translation>
    </message>
    <message>
        <source>下次跟进</source>
        <translation>Next follow-up</translation>
    </message>
    <message>
        <source>下次跟进:%1</source>
        <translation>Next follow-up: %1</translation>
    </message>
    <message>
        <source>主要</source>
        <translation>Primary</translation>
    </message>
    <message>
        <source>交期</source>
        <translation>Delivery date</translation>
    </message>
    <message>
        <source>余额</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>例如:颜色 OK,按此样生产</source>
        <translation>e.g. colour OK, produce to this sample</translation>
    </message>
    <message>
        <source>例如:颜色偏深,请按潘通色卡重新打样</source>
        <translation>e.g. colour too dark, make it again to the Pantone card</translation>
    </message>
    <message>
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>单号</source>
        <translation>Tracking no.</translation>
    </message>
    <message>
        <source>只有已批板的样品才能转为大货订单。</source>
        <translation>Only an approved sample can become a bulk order.</translation>
    </message>
    <message>
        <source>品名</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>回复日期 *</source>
        <translation>Date of reply *</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>大货订单</source>
        <translation>Bulk order</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>客户PO</source>
        <translation>Client PO</translation>
    </message>
    <message>
        <source>客户为什么不接受这个样品?</source>
        <translation>Why did the client not accept this sample?</translation>
    </message>
    <message>
        <source>客户对样品的意见(批板通过时可留空):</source>
        <translation>The client's comments on the sample (may stay empty for an approval):</translation>
    </message>
    <message>
        <source>客户意见</source>
        <translation>Client comments</translation>
    </message>
    <message>
        <source>客户资料已保存。</source>
        <translation>Client saved.</translation>
    </message>
    <message>
        <source>寄出</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>寄出…</source>
        <translation>Send…</translation>
    </message>
    <message>
        <source>寄出样品</source>
        <translation>Send sample</translation>
    </message>
    <message>
        <source>寄送</source>
        <translation>Dispatches</translation>
    </message>
    <message>
        <source>已做好</source>
        <translation>Made</translation>
    </message>
    <message>
        <source>币种</source>
        <translation>Currency</translation>
    </message>
    <message>
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <source>快递</source>
        <translation>Courier</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>批板日期</source>
        <translation>Approved on</translation>
    </message>
    <message>
        <source>批板日期 *</source>
        <translation>Approval date *</translation>
    </message>
    <message>
        <source>批板通过</source>
        <translation>Approve sample</translation>
    </message>
    <message>
        <source>批板通过…</source>
        <translation>Approve…</translation>
    </message>
    <message>
        <source>报价单</source>
        <translation>Quotations</translation>
    </message>
    <message>
        <source>报价单号</source>
        <translation>Quotation no.</translation>
    </message>
    <message>
        <source>按样品 %1(%2)生成大货订单(草稿),订单会关联此样品。</source>
        <translation>A draft bulk order following sample %1 (%2); the order is linked to the sample.</translation>
    </message>
    <message>
        <source>接待</source>
        <translation>Hosted by</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>新客户</source>
        <translation>New client</translation>
    </message>
    <message>
        <source>新打样</source>
        <translation>New sample</translation>
    </message>
    <message>
        <source>新打样…</source>
        <translation>New sample…</translation>
    </message>
    <message>
        <source>新报价单…</source>
        <translation>New quotation…</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>未通过…</source>
        <translation>Reject…</translation>
    </message>
    <message>
        <source>来访</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>来访人员</source>
        <translation>Visitors</translation>
    </message>
    <message>
        <source>样品</source>
        <translation>Samples</translation>
    </message>
    <message>
        <source>样品号</source>
        <translation>Sample no.</translation>
    </message>
    <message>
        <source>样品未通过</source>
        <translation>Sample rejected</translation>
    </message>
    <message>
        <source>样品转大货订单</source>
        <translation>Sample to bulk order</translation>
    </message>
    <message>
        <source>款号</source>
        <translation>Style</translation>
    </message>
    <message>
        <source>没有待跟进提醒</source>
        <translation>No follow-up reminder</translation>
    </message>
    <message>
        <source>添加联系人</source>
        <translation>Add contact</translation>
    </message>
    <message>
        <source>添加联系人…</source>
        <translation>Add contact…</translation>
    </message>
    <message>
        <source>潜在客户</source>
        <translation>Potential client</translation>
    </message>
    <message>
        <source>物品</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>现实客户</source>
        <translation>Current client</translation>
    </message>
    <message>
        <source>申请日期</source>
        <translation>Requested</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>登记寄送</source>
        <translation>Register dispatch</translation>
    </message>
    <message>
        <source>登记寄送…</source>
        <translation>Register dispatch…</translation>
    </message>
    <message>
        <source>登记来访</source>
        <translation>Register visit</translation>
    </message>
    <message>
        <source>登记来访…</source>
        <translation>Register visit…</translation>
    </message>
    <message>
        <source>目的</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>老客户</source>
        <translation>Returning client</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>订单</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>订单号</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <source>请先在列表中选择一个样品。</source>
        <translation>Select a sample in the list first.</translation>
    </message>
    <message>
        <source>请在左侧选择一位客户,或按 Ctrl+N 新建。</source>
        <translation>Select a client on the left, or press Ctrl+N for a new one.</translation>
    </message>
    <message>
        <source>请填写客户的公司名称。</source>
        <translation>Enter the client's company name.</translation>
    </message>
    <message>
        <source>请填写跟进内容。</source>
        <translation>Enter what the follow-up was about.</translation>
    </message>
    <message>
        <source>资料</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>跟单员</source>
        <translation>Merchandiser</translation>
    </message>
    <message>
        <source>跟进记录</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <source>转为大货订单…</source>
        <translation>Bulk order from sample…</translation>
    </message>
    <message>
        <source>邮箱</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>颜色</source>
        <translation>Colour</translation>
    </message>
</context>
<context>
    <name>ClientForm</name>
    <message>
        <source>付款方式</source>
        <translation>Payment terms</translation>
    </message>
    <message>
        <source>公司名称 *</source>
        <translation>Company name *</translation>
    </message>
    <message>
        <source>国家/地区</source>
        <translation>Country/region</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>复制给客户的进度消息和对账摘要用这种语言</source>
        <translation>Progress messages and balance summaries copied for the client are in this language</translation>
    </message>
    <message>
        <source>客户来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>客户等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>客户资料</source>
        <translation>Client profile</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>沟通语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>用逗号分隔</source>
        <translation>Separate with commas</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>留空自动生成</source>
        <translation>Leave empty to number automatically</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>网站</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>英文名称</source>
        <translation>English name</translation>
    </message>
    <message>
        <source>负责跟单员</source>
        <translation>Merchandiser</translation>
    </message>
    <message>
        <source>这个客户的订单、跟进和交接归谁;“只看我的”按这里筛选</source>
        <translation>Who holds this client’s orders, follow-ups and hand-over; “Only mine” filters by it</translation>
    </message>
    <message>
        <source>邮箱</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>首次联系</source>
        <translation>First contact</translation>
    </message>
    <message>
        <source>默认币种</source>
        <translation>Default currency</translation>
    </message>
</context>
<context>
    <name>ClientMerge</name>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>不是同一家公司</source>
        <translation>Not the same company</translation>
    </message>
    <message>
        <source>保留 %1 %2</source>
        <translation>Keep %1 %2</translation>
    </message>
    <message>
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>合并后删除 %1 %2,其记录全部转到 %3 %4 名下。</source>
        <translation>%1 %2 will be deleted; all its records move to %3 %4.</translation>
    </message>
    <message>
        <source>合并客户</source>
        <translation>Merge clients</translation>
    </message>
    <message>
        <source>名下:%1</source>
        <translation>Has: %1</translation>
    </message>
    <message>
        <source>寄送</source>
        <translation>Dispatches</translation>
    </message>
    <message>
        <source>报价单</source>
        <translation>Quotations</translation>
    </message>
    <message>
        <source>收款</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>无</source>
        <translation>nothing</translation>
    </message>
    <message>
        <source>来访</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>样品</source>
        <translation>Samples</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>订单</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>请在列表中选择两位客户(按住 Ctrl 点击)再合并。</source>
        <translation>Select two clients in the list (Ctrl+click) to merge them.</translation>
    </message>
    <message>
        <source>跟进记录</source>
        <translation>Follow-ups</translation>
    </message>
</context>
<context>
    <name>ClientUpdates</name>
    <message>
        <source>中文</source>
        <translation>Chinese</translation>
    </message>
    <message>
        <source>先保存订单。</source>
        <translation>Save the order first.</translation>
    </message>
    <message>
        <source>可以先修改,再复制</source>
        <translation>You may edit it before copying</translation>
    </message>
    <message>
        <source>复制进度消息</source>
        <translation>Copy progress update</translation>
    </message>
    <message>
        <source>复制进度表图片</source>
        <translation>Copy progress grid as picture</translation>
    </message>
    <message>
        <source>客户语言:</source>
        <translation>Client's language:</translation>
    </message>
    <message>
        <source>已复制,可粘贴到微信或邮件。</source>
        <translation>Copied: paste it into WeChat or an e-mail.</translation>
    </message>
    <message>
        <source>生产进度表(复制为图片):</source>
        <translation>Production progress (copied as a picture):</translation>
    </message>
    <message>
        <source>英文</source>
        <translation>English</translation>
    </message>
    <message>
        <source>还没有流程卡,没有进度表可复制</source>
        <translation>No flow cards yet: there is no progress grid to copy</translation>
    </message>
    <message>
        <source>进度表图片已复制。</source>
        <translation>Progress grid copied as a picture.</translation>
    </message>
</context>
<context>
    <name>ClientsTab</name>
    <message>
        <source>合并客户…</source>
        <translation>Merge clients…</translation>
    </message>
    <message>
        <source>把客户“%1”%2归档?归档后不在日常列表中显示,历史记录保留,可在“类型:已归档”中找回。</source>
        <translation>Archive client “%1”%2? Archived clients leave the daily list; their history is kept and they can be found under “Type: Archived”.</translation>
    </message>
    <message>
        <source>新建客户</source>
        <translation>New client</translation>
    </message>
    <message>
        <source>潜在客户</source>
        <translation>Potential client</translation>
    </message>
    <message>
        <source>现实客户</source>
        <translation>Current client</translation>
    </message>
    <message>
        <source>等 %1 位</source>
        <translation> and others (%1 in all)</translation>
    </message>
    <message>
        <source>筛选:客户名称、编号、拼音首字母(如 zs)、邮箱…</source>
        <translation>Filter: client name, code, pinyin initials (e.g. zs), e-mail…</translation>
    </message>
    <message>
        <source>选中两位客户(按住 Ctrl 点击)后合并为一位</source>
        <translation>Select two clients (Ctrl+click) to merge them into one</translation>
    </message>
</context>
<context>
    <name>ComplaintEditor</name>
    <message>
        <source>(不指定批次)</source>
        <translation>(no particular batch)</translation>
    </message>
    <message>
        <source>(已作废)</source>
        <translation>(void)</translation>
    </message>
    <message>
        <source>为客诉 %1 生成补单:同一客户,补做受影响的 %2 件(单价为 0),补单为草稿,需审查确认后下发生产。</source>
        <translation>Remake order for complaint %1: same client, the %2 affected pieces at price 0; the remake is a draft and must be reviewed and confirmed before production.</translation>
    </message>
    <message>
        <source>保存处理方式</source>
        <translation>Save disposition</translation>
    </message>
    <message>
        <source>保存客诉</source>
        <translation>Save complaint</translation>
    </message>
    <message>
        <source>处理方式</source>
        <translation>Disposition</translation>
    </message>
    <message>
        <source>打开订单</source>
        <translation>Open order</translation>
    </message>
    <message>
        <source>找不到订单“%1”,请输入订单号、客户 PO 或客户名称后从列表中选择。</source>
        <translation>No order “%1”: type an order number, a client PO or a client name and pick from the list.</translation>
    </message>
    <message>
        <source>新客诉</source>
        <translation>New complaint</translation>
    </message>
    <message>
        <source>生成补单</source>
        <translation>Make remake order</translation>
    </message>
    <message>
        <source>生成补单…</source>
        <translation>Make remake order…</translation>
    </message>
    <message>
        <source>结案</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>结案于 %1</source>
        <translation>closed on %1</translation>
    </message>
    <message>
        <source>补单 %1</source>
        <translation>Remake %1</translation>
    </message>
    <message>
        <source>订单 %1:%2,%3,交期 %4</source>
        <translation>Order %1: %2, %3, delivery %4</translation>
    </message>
    <message>
        <source>订单号、客户 PO 或客户名称…</source>
        <translation>Order number, client PO or client name…</translation>
    </message>
</context>
<context>
    <name>ComplaintForm</name>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <source>原因分析</source>
        <translation>Cause</translation>
    </message>
    <message>
        <source>受影响数量</source>
        <translation>Quantity affected</translation>
    </message>
    <message>
        <source>客户反映了什么问题</source>
        <translation>What the client reported</translation>
    </message>
    <message>
        <source>客诉</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>客诉内容 *</source>
        <translation>Complaint *</translation>
    </message>
    <message>
        <source>客诉日期 *</source>
        <translation>Complaint date *</translation>
    </message>
    <message>
        <source>对策</source>
        <translation>Countermeasure</translation>
    </message>
    <message>
        <source>流程卡(批次)</source>
        <translation>Flow card (batch)</translation>
    </message>
    <message>
        <source>订单号 *</source>
        <translation>Order no. *</translation>
    </message>
    <message>
        <source>输入订单号、客户订单号、客户名称或拼音首字母,从列表中选择</source>
        <translation>Type an order number, client PO, client name or pinyin initials and pick from the list</translation>
    </message>
</context>
<context>
    <name>ContactForm</name>
    <message>
        <source>主要联系人</source>
        <translation>Primary contact</translation>
    </message>
    <message>
        <source>姓名 *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>邮箱</source>
        <translation>E-mail</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>之后又发生了 %1 个错误(见详情)。</source>
        <translation>Errors that happened after it: %1 (see the details).</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>复制详情</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <source>如果问题反复出现,请点“复制详情”,把内容发给技术支持。</source>
        <translation>If it keeps happening, click “Copy details” and send them to your support contact.</translation>
    </message>
    <message>
        <source>已复制到剪贴板。</source>
        <translation>Copied to the clipboard.</translation>
    </message>
    <message>
        <source>详情已写入日志文件:%1</source>
        <translation>The details were written to the log file: %1</translation>
    </message>
    <message>
        <source>跟单桌面 - 出错了</source>
        <translation>Gendan Desktop - something went wrong</translation>
    </message>
    <message>
        <source>跟单桌面遇到了一个意外的错误,刚才的操作可能没有完成;已经保存的数据不受影响。</source>
        <translation>Gendan Desktop ran into an unexpected error. What you just did may not have been completed; data already saved is not affected.</translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <source>年-月-日</source>
        <translation>yyyy-mm-dd</translation>
    </message>
    <message>
        <source>日历</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <source>输入日期,如 2026-12-01、12-01、1201、+7(7 天后);留空即不填。Alt+↓ 打开日历。</source>
        <translation>Type a date: 2026-12-01, 12-01, 1201, +7 (in 7 days); leave empty for none. Alt+↓ opens the calendar.</translation>
    </message>
</context>
<context>
    <name>DepositDialog</name>
    <message>
        <source>%1 收到的%2 %3 %4,可退还或转出 %5。</source>
        <translation>%2 of %3 %4 received on %1; %5 can be refunded or carried over.</translation>
    </message>
    <message>
        <source>登记退款</source>
        <translation>Record refund</translation>
    </message>
    <message>
        <source>转入该订单</source>
        <translation>Carry to this order</translation>
    </message>
    <message>
        <source>转到其他订单</source>
        <translation>Carry to another order</translation>
    </message>
    <message>
        <source>退还定金</source>
        <translation>Refund deposit</translation>
    </message>
</context>
<context>
    <name>DepositForm</name>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <source>已取消订单的款项</source>
        <translation>Money of a cancelled order</translation>
    </message>
    <message>
        <source>日期 *</source>
        <translation>Date *</translation>
    </message>
    <message>
        <source>水单号</source>
        <translation>Bank reference</translation>
    </message>
    <message>
        <source>转入订单 *</source>
        <translation>Carry to order *</translation>
    </message>
    <message>
        <source>退款的银行水单号</source>
        <translation>Bank slip number of the refund</translation>
    </message>
    <message>
        <source>金额 *</source>
        <translation>Amount *</translation>
    </message>
</context>
<context>
    <name>DispatchForm</name>
    <message>
        <source>DHL、顺丰…</source>
        <translation>DHL, SF Express…</translation>
    </message>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>如 2027 春夏目录、色卡</source>
        <translation>e.g. 2027 spring/summer catalogue, colour card</translation>
    </message>
    <message>
        <source>寄送日期 *</source>
        <translation>Date sent *</translation>
    </message>
    <message>
        <source>寄送物品 *</source>
        <translation>Items sent *</translation>
    </message>
    <message>
        <source>快递公司</source>
        <translation>Courier</translation>
    </message>
    <message>
        <source>快递单号</source>
        <translation>Tracking no.</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>登记寄送</source>
        <translation>Register dispatch</translation>
    </message>
    <message>
        <source>类别 *</source>
        <translation>Kind *</translation>
    </message>
</context>
<context>
    <name>DispositionForm</name>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <source>处理方式</source>
        <translation>Disposition</translation>
    </message>
    <message>
        <source>处理费用 (CNY)</source>
        <translation>Cost (CNY)</translation>
    </message>
    <message>
        <source>折让/退款金额</source>
        <translation>Credit amount</translation>
    </message>
    <message>
        <source>折让日期</source>
        <translation>Credit date</translation>
    </message>
    <message>
        <source>按客户要求(返修/补单仍给折让)</source>
        <translation>As the client asks (a credit can go with rework or remake)</translation>
    </message>
</context>
<context>
    <name>ExcelActions</name>
    <message>
        <source>保存导入模板</source>
        <translation>Save import template</translation>
    </message>
    <message>
        <source>客户导入模板</source>
        <translation>Client import template</translation>
    </message>
    <message>
        <source>客户导入模板…</source>
        <translation>Client import template…</translation>
    </message>
    <message>
        <source>对账单…</source>
        <translation>Statements…</translation>
    </message>
    <message>
        <source>导入客户…</source>
        <translation>Import clients…</translation>
    </message>
    <message>
        <source>导入订单…</source>
        <translation>Import orders…</translation>
    </message>
    <message>
        <source>导出为 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>导出当前列表…</source>
        <translation>Export current list…</translation>
    </message>
    <message>
        <source>已导出 %1 行到 %2</source>
        <translation>Exported to %2, rows: %1</translation>
    </message>
    <message>
        <source>模板已保存到 %1</source>
        <translation>Template saved to %1</translation>
    </message>
    <message>
        <source>正在导出 %1 / %2 行…</source>
        <translation>Exporting row %1 of %2…</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>正在读取文件…</source>
        <translation>Reading the file…</translation>
    </message>
    <message>
        <source>此页面没有可导出的列表。</source>
        <translation>This page has no list to export.</translation>
    </message>
    <message>
        <source>订单导入模板</source>
        <translation>Order import template</translation>
    </message>
    <message>
        <source>订单导入模板…</source>
        <translation>Order import template…</translation>
    </message>
    <message>
        <source>选择要导入的客户文件</source>
        <translation>Choose the client file to import</translation>
    </message>
    <message>
        <source>选择要导入的订单文件</source>
        <translation>Choose the order file to import</translation>
    </message>
</context>
<context>
    <name>ExceptionForm</name>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <source>严重程度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>发生了什么,影响哪些货、多少数量</source>
        <translation>What happened, which goods and how many are affected</translation>
    </message>
    <message>
        <source>发生日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>异常情况 *</source>
        <translation>Description *</translation>
    </message>
    <message>
        <source>异常类型 *</source>
        <translation>Kind *</translation>
    </message>
    <message>
        <source>报告生产异常</source>
        <translation>Report a production exception</translation>
    </message>
    <message>
        <source>流程卡(批次)</source>
        <translation>Flow card (batch)</translation>
    </message>
</context>
<context>
    <name>FirstStart</name>
    <message>
        <source>不建立路线:以后在“设置 → 工艺路线”中自己添加。</source>
        <translation>No routes: add your own later in Settings → Process routes.</translation>
    </message>
    <message>
        <source>图片 (*.png *.jpg *.jpeg *.bmp)</source>
        <translation>Pictures (*.png *.jpg *.jpeg *.bmp)</translation>
    </message>
    <message>
        <source>已保存在数据库中</source>
        <translation>Kept in the database</translation>
    </message>
    <message>
        <source>数据库里已有客户或订单:只保存设置。</source>
        <translation>The database already has clients or orders: only the settings are saved.</translation>
    </message>
    <message>
        <source>无</source>
        <translation>nothing</translation>
    </message>
    <message>
        <source>正在生成演示数据…</source>
        <translation>Creating demo data…</translation>
    </message>
    <message>
        <source>演示数据在单独的文件“%1”里,你的数据库没有演示数据;下次启动时打开的是你的数据库。</source>
        <translation>The demo data is in a file of its own, “%1”; your database holds none of it and is the one opened at the next start.</translation>
    </message>
    <message>
        <source>演示数据已生成:%1 位客户,%2 张订单。</source>
        <translation>Demo data created: %1 clients, %2 orders.</translation>
    </message>
    <message>
        <source>设置已保存。按 Ctrl+N 新建第一位客户。</source>
        <translation>Settings saved. Press Ctrl+N for your first client.</translation>
    </message>
    <message>
        <source>选择标志图片</source>
        <translation>Choose the logo</translation>
    </message>
    <message>
        <source>首次设置 — 跟单桌面</source>
        <translation>First start — Gendan Desktop</translation>
    </message>
</context>
<context>
    <name>FirstStartCompany</name>
    <message>
        <source>PNG 或 JPG,保存在数据库中</source>
        <translation>PNG or JPG, kept in the database</translation>
    </message>
    <message>
        <source>不用标志</source>
        <translation>No logo</translation>
    </message>
    <message>
        <source>公司名称(中文) *</source>
        <translation>Company name (Chinese) *</translation>
    </message>
    <message>
        <source>公司名称(英文)</source>
        <translation>Company name (English)</translation>
    </message>
    <message>
        <source>公司资料</source>
        <translation>Company profile</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>如:Ningbo Jinhua Garments Co., Ltd.</source>
        <translation>e.g. Ningbo Jinhua Garments Co., Ltd.</translation>
    </message>
    <message>
        <source>如:宁波锦华服饰有限公司</source>
        <translation>e.g. 宁波锦华服饰有限公司</translation>
    </message>
    <message>
        <source>您的姓名(跟单员) *</source>
        <translation>Your name (merchandiser) *</translation>
    </message>
    <message>
        <source>标志图片</source>
        <translation>Logo</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>记在您录入的订单、跟进和修改记录上</source>
        <translation>Recorded on the orders, follow-ups and changes you enter</translation>
    </message>
    <message>
        <source>这些资料印在报价单、形式发票、生产单、流程卡和对账单的抬头上。以后可在“文件 → 设置”中修改。</source>
        <translation>These head every quotation, proforma invoice, production sheet, flow card and statement. Change them later in File → Settings.</translation>
    </message>
    <message>
        <source>选择图片…</source>
        <translation>Choose picture…</translation>
    </message>
</context>
<context>
    <name>FirstStartMoney</name>
    <message>
        <source>删除币种</source>
        <translation>Remove currency</translation>
    </message>
    <message>
        <source>币种</source>
        <translation>Currency</translation>
    </message>
    <message>
        <source>币种与汇率</source>
        <translation>Currencies and rates</translation>
    </message>
    <message>
        <source>本位币 *</source>
        <translation>Home currency *</translation>
    </message>
    <message>
        <source>本位币是记账和报价成本用的币种;新客户的订单和报价默认用“默认币种”。汇率用来把各币种的金额折算成本位币(工作台按金额排序,报价单换算单价)。</source>
        <translation>The home currency is the one you keep accounts and quotation costs in; new clients' orders and quotations start in the default currency. The rates convert every currency into the home currency (the workbench ranks by value, quotations convert unit prices).</translation>
    </message>
    <message>
        <source>汇率</source>
        <translation>Exchange rate</translation>
    </message>
    <message>
        <source>汇率(1 单位外币折合多少本位币;不用的币种可以留空):</source>
        <translation>Rates (home currency per 1 unit; leave the currencies you do not use empty):</translation>
    </message>
    <message>
        <source>添加币种</source>
        <translation>Add currency</translation>
    </message>
    <message>
        <source>默认币种 *</source>
        <translation>Default currency *</translation>
    </message>
</context>
<context>
    <name>FirstStartRoutes</name>
    <message>
        <source>家纺(床品、毛巾、窗帘)</source>
        <translation>Home textiles (bedding, towels, curtains)</translation>
    </message>
    <message>
        <source>工艺路线</source>
        <translation>Process routes</translation>
    </message>
    <message>
        <source>服装(梭织、针织成衣)</source>
        <translation>Garments (woven and knitted apparel)</translation>
    </message>
    <message>
        <source>流程卡按产品类别的工艺路线列出工序和计划日期。选择您工厂做的产品,从这些路线开始(以后可在设置中增删工序);都不选则从空白开始,自己建立路线。</source>
        <translation>Flow cards list the steps and planned dates of the product category's process route. Pick what your factory makes to start from these routes (add or remove steps later in the settings); pick none to build your own.</translation>
    </message>
    <message>
        <source>针织毛衫</source>
        <translation>Knitwear (sweaters)</translation>
    </message>
</context>
<context>
    <name>FirstStartStart</name>
    <message>
        <source>从空白开始:自己录入客户和订单</source>
        <translation>Start empty: enter clients and orders yourself</translation>
    </message>
    <message>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>导入我的 Excel 清单:先导入客户,再到“工具 → 导入订单”导入订单</source>
        <translation>Import my Excel lists: clients first, then orders with Tools → Import orders</translation>
    </message>
    <message>
        <source>开始使用</source>
        <translation>Getting started</translation>
    </message>
    <message>
        <source>打开演示数据:生成示例客户、订单和生产进度,先熟悉软件</source>
        <translation>Open demo data: sample clients, orders and production progress to look around with</translation>
    </message>
    <message>
        <source>数据存放在哪里</source>
        <translation>Where your data lives</translation>
    </message>
    <message>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>演示数据放在数据库旁边的单独文件里,不写入你的数据库;下次启动时打开的仍是你的数据库。</source>
        <translation>The demo data goes into a file of its own beside your database, never into it; the next start opens your database again.</translation>
    </message>
</context>
<context>
    <name>FollowUpForm</name>
    <message>
        <source>30天后</source>
        <translation>In 30 days</translation>
    </message>
    <message>
        <source>3天后</source>
        <translation>In 3 days</translation>
    </message>
    <message>
        <source>7天后</source>
        <translation>In 7 days</translation>
    </message>
    <message>
        <source>Alt+3</source>
        <translation>Alt+3</translation>
    </message>
    <message>
        <source>Alt+7</source>
        <translation>Alt+7</translation>
    </message>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <source>下次跟进</source>
        <translation>Next follow-up</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>记录跟进</source>
        <translation>Log follow-up</translation>
    </message>
    <message>
        <source>跟进内容,回车保存</source>
        <translation>What was said; Enter saves</translation>
    </message>
    <message>
        <source>跟进日期</source>
        <translation>Follow-up date</translation>
    </message>
</context>
<context>
    <name>GlobalSearch</name>
    <message>
        <source>搜索客户、订单号、PO号、流程卡号… (Ctrl+K)</source>
        <translation>Search clients, order no., PO no., flow card no.… (Ctrl+K)</translation>
    </message>
</context>
<context>
    <name>HandOver</name>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>交接</source>
        <translation>Hand over</translation>
    </message>
    <message>
        <source>保存交接报告</source>
        <translation>Save the hand-over report</translation>
    </message>
    <message>
        <source>将交接 %1 位客户:订单 %2,跟进提醒 %3,样品 %4,报价 %5,生产异常 %6,客诉 %7</source>
        <translation>%1 client(s) to hand over: %2 orders, %3 follow-up reminders, %4 samples, %5 quotations, %6 production exceptions, %7 complaints</translation>
    </message>
    <message>
        <source>工作交接…</source>
        <translation>Hand-over…</translation>
    </message>
    <message>
        <source>工作交接报告</source>
        <translation>Hand-over report</translation>
    </message>
    <message>
        <source>已交接给 %1:客户 %2,订单 %3,跟进提醒 %4,样品 %5,报价 %6,生产异常 %7,客诉 %8。请保存交接报告。</source>
        <translation>Handed over to %1: %2 clients, %3 orders, %4 follow-up reminders, %5 samples, %6 quotations, %7 production exceptions, %8 complaints. Save the hand-over report.</translation>
    </message>
    <message>
        <source>正在生成交接报告…</source>
        <translation>Writing the hand-over report…</translation>
    </message>
    <message>
        <source>请至少勾选一位客户。</source>
        <translation>Tick at least one client.</translation>
    </message>
</context>
<context>
    <name>HandOverForm</name>
    <message>
        <source>交出工作的跟单员 *</source>
        <translation>Merchandiser handing over *</translation>
    </message>
    <message>
        <source>交接报告</source>
        <translation>Hand-over report</translation>
    </message>
    <message>
        <source>交接的客户(勾选):</source>
        <translation>Clients to hand over (ticked):</translation>
    </message>
    <message>
        <source>保存 Excel…</source>
        <translation>Save Excel…</translation>
    </message>
    <message>
        <source>保存 PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>全不选</source>
        <translation>Tick none</translation>
    </message>
    <message>
        <source>全选</source>
        <translation>Tick all</translation>
    </message>
    <message>
        <source>工作交接</source>
        <translation>Hand-over</translation>
    </message>
    <message>
        <source>接手的跟单员 *</source>
        <translation>Merchandiser taking over *</translation>
    </message>
    <message>
        <source>跟单员离职或调岗时,把他负责的客户和未完成的工作(订单、跟进提醒、样品、报价、生产异常、客诉)转给接手的同事,并生成交接报告。已完成的记录保留原跟单员。</source>
        <translation>When a merchandiser leaves or moves on, their clients and open work (orders, follow-up reminders, samples, quotations, production exceptions, complaints) go to the colleague who takes over, with a hand-over report. Finished records keep who handled them.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>— 不导入 —</source>
        <translation>— not imported —</translation>
    </message>
    <message>
        <source>不导入</source>
        <translation>not imported</translation>
    </message>
    <message>
        <source>仍然新建</source>
        <translation>Create anyway</translation>
    </message>
    <message>
        <source>保存错误报告</source>
        <translation>Save error report</translation>
    </message>
    <message>
        <source>导入客户</source>
        <translation>Import clients</translation>
    </message>
    <message>
        <source>导入订单</source>
        <translation>Import orders</translation>
    </message>
    <message>
        <source>已取消,未写入任何数据。</source>
        <translation>Cancelled: nothing was written.</translation>
    </message>
    <message>
        <source>文件:%1</source>
        <translation>File: %1</translation>
    </message>
    <message>
        <source>更新已有记录</source>
        <translation>Update the existing record</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>正在读取文件…</source>
        <translation>Reading the file…</translation>
    </message>
    <message>
        <source>表头(第 %1 行)下面没有数据行,没有可导入的内容。请确认选对了文件、工作表和表头行。</source>
        <translation>There are no data rows below the header (row %1): nothing to import. Check the file, the sheet and the header row.</translation>
    </message>
    <message>
        <source>跳过</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>还缺少必填列:%1。请指定文件中哪一列是它。</source>
        <translation>Required column(s) missing: %1. Choose which column of the file holds it.</translation>
    </message>
    <message>
        <source>错误报告已保存到 %1</source>
        <translation>Error report saved to %1</translation>
    </message>
</context>
<context>
    <name>ImportForm</name>
    <message>
        <source>保存错误报告…</source>
        <translation>Save error report…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>列对应(* 为必填项):</source>
        <translation>Column mapping (* = required):</translation>
    </message>
    <message>
        <source>客户不存在时自动新建</source>
        <translation>Create clients that do not exist yet</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>导入为</source>
        <translation>Import as</translation>
    </message>
    <message>
        <source>工作表:</source>
        <translation>Sheet:</translation>
    </message>
    <message>
        <source>文件中的列</source>
        <translation>Column in the file</translation>
    </message>
    <message>
        <source>检查</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>表头(列名)所在的 Excel 行号</source>
        <translation>The Excel row that holds the column names</translation>
    </message>
    <message>
        <source>表头行:</source>
        <translation>Header row:</translation>
    </message>
    <message>
        <source>试导入:检查每一行,不写入任何数据</source>
        <translation>Dry run: check every row without writing anything</translation>
    </message>
    <message>
        <source>跳过有错误的行,导入其余的行</source>
        <translation>Skip rows with errors and import the rest</translation>
    </message>
    <message>
        <source>选项</source>
        <translation>Options</translation>
    </message>
    <message>
        <source>遇到重复:</source>
        <translation>On duplicates:</translation>
    </message>
    <message>
        <source>问题及处理方法</source>
        <translation>Problem and what to do</translation>
    </message>
    <message>
        <source>预览(前几行数据):</source>
        <translation>Preview (first rows):</translation>
    </message>
</context>
<context>
    <name>IssueCardsDialog</name>
    <message>
        <source>(不外发)</source>
        <translation>(nothing sent out)</translation>
    </message>
    <message>
        <source>(订单指定的工厂)</source>
        <translation>(the order's factory)</translation>
    </message>
    <message>
        <source>下发流程卡:%1</source>
        <translation>Issue flow cards: %1</translation>
    </message>
    <message>
        <source>卡数</source>
        <translation>Cards</translation>
    </message>
    <message>
        <source>外发数量</source>
        <translation>Sent out</translation>
    </message>
    <message>
        <source>尚未开卡 %1 件,共 %2 行。默认每行一张流程卡;填写每批数量则按批分卡。</source>
        <translation>%1 pcs on %2 lines have no flow card yet. One card per line by default; type a batch size to split into batches.</translation>
    </message>
    <message>
        <source>尺码</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>开出 %1 张流程卡</source>
        <translation>Issue %1 flow cards</translation>
    </message>
    <message>
        <source>未开卡</source>
        <translation>Not on cards</translation>
    </message>
    <message>
        <source>款号</source>
        <translation>Style</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Line</translation>
    </message>
    <message>
        <source>颜色</source>
        <translation>Colour</translation>
    </message>
</context>
<context>
    <name>IssueCardsForm</name>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <source>“外发数量”一列可填写交给外发工厂的件数,其余由加工工厂生产</source>
        <translation>Type into “Sent out” the pieces another factory makes; the rest goes to the production factory</translation>
    </message>
    <message>
        <source>下发流程卡</source>
        <translation>Issue flow cards</translation>
    </message>
    <message>
        <source>加工工厂</source>
        <translation>Factory</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>外发工厂</source>
        <translation>Outsourcing factory</translation>
    </message>
    <message>
        <source>每批数量</source>
        <translation>Batch size</translation>
    </message>
    <message>
        <source>每行一张卡</source>
        <translation>One card per line</translation>
    </message>
    <message>
        <source>留空(每行一张卡)时每个明细行开一张流程卡;填写后按此数量分批开卡</source>
        <translation>Left empty (one card per line), every order line gets one flow card; typed, lines are split into batches of this size</translation>
    </message>
    <message>
        <source>表中“外发数量”交给的备选工厂或外协厂</source>
        <translation>The backup or subcontract factory that makes the pieces under “Sent out”</translation>
    </message>
    <message>
        <source>计划完工</source>
        <translation>Planned finish</translation>
    </message>
</context>
<context>
    <name>ListFilters</name>
    <message>
        <source>%1 项</source>
        <translation>%1 chosen</translation>
    </message>
    <message>
        <source>%1:%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>我的</source>
        <translation>Mine</translation>
    </message>
    <message>
        <source>我的(%1)</source>
        <translation>Mine (%1)</translation>
    </message>
    <message>
        <source>请先在 工具 → 设置 中填写跟单员姓名</source>
        <translation>Enter the merchandiser's name in Tools → Settings first</translation>
    </message>
</context>
<context>
    <name>ListPane</name>
    <message>
        <source>%1:%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>共 %1 条</source>
        <translation>Rows: %1</translation>
    </message>
    <message>
        <source>已显示 %1 条,正在统计…</source>
        <translation>Rows so far: %1, counting…</translation>
    </message>
    <message>
        <source>筛选:名称、编号或拼音首字母…</source>
        <translation>Filter: name, number or pinyin initials…</translation>
    </message>
    <message>
        <source>输入名称、编号或拼音首字母筛选;清空即全部</source>
        <translation>Type a name, code or pinyin initials to filter; empty shows all</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>从备份恢复…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>全局搜索(&amp;F)</source>
        <translation>&amp;Find everywhere</translation>
    </message>
    <message>
        <source>关于跟单桌面(&amp;A)…</source>
        <translation>&amp;About Gendan Desktop…</translation>
    </message>
    <message>
        <source>删除(&amp;D)</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>刷新(&amp;R)</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>工具(&amp;T)</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <source>已刷新。</source>
        <translation>Refreshed.</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>数据库:%1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>新建(&amp;N)</source>
        <translation>&amp;New</translation>
    </message>
    <message>
        <source>查看(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>此页面不能新建记录。</source>
        <translation>Nothing can be created on this page.</translation>
    </message>
    <message>
        <source>没有可以显示“%1”的页面。</source>
        <translation>No page can show “%1”.</translation>
    </message>
    <message>
        <source>没有需要保存的内容。</source>
        <translation>Nothing to save.</translation>
    </message>
    <message>
        <source>确认删除</source>
        <translation>Confirm delete</translation>
    </message>
    <message>
        <source>立即备份(&amp;B)…</source>
        <translation>&amp;Back up now…</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>设置(&amp;T)…</source>
        <translation>Se&amp;ttings…</translation>
    </message>
    <message>
        <source>请先选择要删除的记录。</source>
        <translation>Select the records to delete first.</translation>
    </message>
    <message>
        <source>跟单桌面</source>
        <translation>Gendan Desktop</translation>
    </message>
    <message>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
</context>
<context>
    <name>MaterialForm</name>
    <message>
        <source>m</source>
        <translation>m</translation>
    </message>
    <message>
        <source>单件用量</source>
        <translation>Consumption per piece</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>如 全棉汗布 180g</source>
        <translation>e.g. cotton jersey 180g</translation>
    </message>
    <message>
        <source>客供料</source>
        <translation>Client-supplied</translation>
    </message>
    <message>
        <source>库存</source>
        <translation>In stock</translation>
    </message>
    <message>
        <source>损耗率 %</source>
        <translation>Loss rate %</translation>
    </message>
    <message>
        <source>添加物料</source>
        <translation>Add material</translation>
    </message>
    <message>
        <source>物料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <source>物料 *</source>
        <translation>Material *</translation>
    </message>
    <message>
        <source>规格</source>
        <translation>Specification</translation>
    </message>
</context>
<context>
    <name>MergeClientsForm</name>
    <message>
        <source>合并客户</source>
        <translation>Merge clients</translation>
    </message>
    <message>
        <source>这两位客户是同一家公司吗?选择保留哪一位:另一位的订单、联系人、跟进记录、报价单、样品、收款等全部转到保留的客户名下,然后删除另一位。合并不能撤销。</source>
        <translation>Are these two clients one company? Choose which one stays: the orders, contacts, follow-ups, quotations, samples, payments and everything else of the other move to it, and the other is deleted. A merge cannot be undone.</translation>
    </message>
</context>
<context>
    <name>OrderEditor</name>
    <message>
        <source>(不按样品)</source>
        <translation>(no sample)</translation>
    </message>
    <message>
        <source>(有无效的数量或单价)</source>
        <translation>(some quantities or prices are invalid)</translation>
    </message>
    <message>
        <source>例如:客户邮件要求改颜色</source>
        <translation>e.g. the client asked by e-mail to change the colour</translation>
    </message>
    <message>
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>保存改单</source>
        <translation>Save revision</translation>
    </message>
    <message>
        <source>保存改单…</source>
        <translation>Save revision…</translation>
    </message>
    <message>
        <source>删除行</source>
        <translation>Delete line</translation>
    </message>
    <message>
        <source>合计:%1 件,%2 %3</source>
        <translation>Total: %1 pcs, %2 %3</translation>
    </message>
    <message>
        <source>复制行</source>
        <translation>Copy line</translation>
    </message>
    <message>
        <source>已确认的订单要修改时,生成新版本(R1、R2…),旧的生产单和流程卡将被收回</source>
        <translation>Changing a confirmed order makes a new revision (R1, R2…); the old production sheets and flow cards are recalled</translation>
    </message>
    <message>
        <source>打印流程卡…</source>
        <translation>Print flow cards…</translation>
    </message>
    <message>
        <source>打印生产单…</source>
        <translation>Print production sheet…</translation>
    </message>
    <message>
        <source>按样品生产:%1</source>
        <translation>Produced to sample: %1</translation>
    </message>
    <message>
        <source>改单…</source>
        <translation>Revise…</translation>
    </message>
    <message>
        <source>改单中:修改后点“保存改单”并填写原因</source>
        <translation>Revising: make the changes, then click “Save revision” and give the reason</translation>
    </message>
    <message>
        <source>改单原因</source>
        <translation>Revision reason</translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <source>新订单</source>
        <translation>New order</translation>
    </message>
    <message>
        <source>明细行</source>
        <translation>Lines</translation>
    </message>
    <message>
        <source>添加行</source>
        <translation>Add line</translation>
    </message>
    <message>
        <source>订单 %1 将生成新版本:生产单收回后需重新下发;只有改动的明细行的流程卡会被收回,其余流程卡和已登记的进度保留。请填写改单原因:</source>
        <translation>Order %1 gets a new revision: the production sheet is recalled and must be issued again; only the flow cards of changed lines are recalled, the other cards and the progress recorded on them stay. Give the reason for the revision:</translation>
    </message>
    <message>
        <source>颜色×尺码</source>
        <translation>Colour × size</translation>
    </message>
</context>
<context>
    <name>OrderForm</name>
    <message>
        <source>FOB / CIF / EXW</source>
        <translation>FOB / CIF / EXW</translation>
    </message>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <source>下单方式</source>
        <translation>Order channel</translation>
    </message>
    <message>
        <source>下单日期</source>
        <translation>Order date</translation>
    </message>
    <message>
        <source>交期 *</source>
        <translation>Delivery date *</translation>
    </message>
    <message>
        <source>产品类别</source>
        <translation>Product category</translation>
    </message>
    <message>
        <source>付款条件</source>
        <translation>Payment terms</translation>
    </message>
    <message>
        <source>决定工艺路线,如 T恤</source>
        <translation>Chooses the process route, e.g. T-shirt</translation>
    </message>
    <message>
        <source>包装</source>
        <translation>Packing</translation>
    </message>
    <message>
        <source>唛头</source>
        <translation>Shipping marks</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>大货按哪个已批板的样品生产(小样 → 批板 → 大货)</source>
        <translation>The approved sample the bulk follows (sample → approval → bulk)</translation>
    </message>
    <message>
        <source>定金比例 %</source>
        <translation>Deposit %</translation>
    </message>
    <message>
        <source>客户 *</source>
        <translation>Client *</translation>
    </message>
    <message>
        <source>客户要求</source>
        <translation>Client requirements</translation>
    </message>
    <message>
        <source>客户订单号</source>
        <translation>Client PO no.</translation>
    </message>
    <message>
        <source>币种</source>
        <translation>Currency</translation>
    </message>
    <message>
        <source>批板样品</source>
        <translation>Approved sample</translation>
    </message>
    <message>
        <source>订单</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>订单类型</source>
        <translation>Order type</translation>
    </message>
    <message>
        <source>贸易条款</source>
        <translation>Trade terms</translation>
    </message>
    <message>
        <source>跟单员</source>
        <translation>Merchandiser</translation>
    </message>
    <message>
        <source>输入客户名称、编号或拼音首字母</source>
        <translation>Type the client name, code or pinyin initials</translation>
    </message>
</context>
<context>
    <name>OrderMoney</name>
    <message>
        <source>作废 %1 的收款 %2 %3?请填写原因:</source>
        <translation>Void the payment of %1, %2 %3? Enter the reason:</translation>
    </message>
    <message>
        <source>作废收款</source>
        <translation>Void payment</translation>
    </message>
    <message>
        <source>作废收款…</source>
        <translation>Void payment…</translation>
    </message>
    <message>
        <source>例如:重复登记,银行水单号相同</source>
        <translation>e.g. entered twice, same bank slip number</translation>
    </message>
    <message>
        <source>出货单证 %1</source>
        <translation>Shipping documents %1</translation>
    </message>
    <message>
        <source>各行出货情况</source>
        <translation>Shipped per line</translation>
    </message>
    <message>
        <source>填写单证…</source>
        <translation>Documents…</translation>
    </message>
    <message>
        <source>已完工未出</source>
        <translation>Finished, not shipped</translation>
    </message>
    <message>
        <source>新建出货</source>
        <translation>New shipment</translation>
    </message>
    <message>
        <source>新建出货…</source>
        <translation>New shipment…</translation>
    </message>
    <message>
        <source>未出</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>本次出货</source>
        <translation>This shipment</translation>
    </message>
    <message>
        <source>款号</source>
        <translation>Style</translation>
    </message>
    <message>
        <source>登记收款:%1</source>
        <translation>Record payment: %1</translation>
    </message>
    <message>
        <source>登记收款…</source>
        <translation>Record payment…</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Line</translation>
    </message>
    <message>
        <source>订单已取消:把选中的收款退还客户,或转到客户的另一张订单</source>
        <translation>Order cancelled: refund the selected payment to the client, or carry it to another order of the client</translation>
    </message>
    <message>
        <source>订单已取消:请选中收款,退还客户或转到其他订单。</source>
        <translation>Order cancelled: select a payment to refund it or carry it to another order.</translation>
    </message>
    <message>
        <source>订单金额 %1;已出货 %2;折让 %3;已收 %4;应收余额 %5(%6)</source>
        <translation>Ordered %1; shipped %2; credits %3; paid %4; balance due %5 (%6)</translation>
    </message>
    <message>
        <source>转到其他订单…</source>
        <translation>Carry to another order…</translation>
    </message>
    <message>
        <source>退还定金…</source>
        <translation>Refund deposit…</translation>
    </message>
    <message>
        <source>颜色/尺码</source>
        <translation>Colour/size</translation>
    </message>
</context>
<context>
    <name>OrderRecords</name>
    <message>
        <source>客户的报价单与 PI</source>
        <translation>The client's quotations and PIs</translation>
    </message>
    <message>
        <source>开 PI</source>
        <translation>Issue PI</translation>
    </message>
    <message>
        <source>报价单转订单</source>
        <translation>Quotation to order</translation>
    </message>
    <message>
        <source>按报价单 %1 的产品和价格生成新订单(草稿)。</source>
        <translation>Creates a new draft order with the products and prices of quotation %1.</translation>
    </message>
    <message>
        <source>新报价单…</source>
        <translation>New quotation…</translation>
    </message>
    <message>
        <source>本订单来自报价单(黄色)。</source>
        <translation>This order comes from a quotation (yellow).</translation>
    </message>
    <message>
        <source>转为订单…</source>
        <translation>Make an order…</translation>
    </message>
</context>
<context>
    <name>OrderReview</name>
    <message>
        <source>例如:客户邮件通知取消本季订单</source>
        <translation>e.g. the client's email cancelling this season's order</translation>
    </message>
    <message>
        <source>保存审查结果</source>
        <translation>Save review</translation>
    </message>
    <message>
        <source>先保存订单,再做订单审查。</source>
        <translation>Save the order first, then review it.</translation>
    </message>
    <message>
        <source>取消原因:%1</source>
        <translation>Cancel reason: %1</translation>
    </message>
    <message>
        <source>取消订单</source>
        <translation>Cancel order</translation>
    </message>
    <message>
        <source>取消订单 %1?已下发的生产单和流程卡将被收回作废;已登记的生产进度保留可查。请填写取消原因:</source>
        <translation>Cancel order %1? Its production sheets and flow cards are recalled and void; the progress recorded stays visible. Give the reason for the cancellation:</translation>
    </message>
    <message>
        <source>取消订单…</source>
        <translation>Cancel order…</translation>
    </message>
    <message>
        <source>审查人:%1,%2</source>
        <translation>Reviewed by %1, %2</translation>
    </message>
    <message>
        <source>开始生产于 %1</source>
        <translation>Production started %1</translation>
    </message>
    <message>
        <source>状态:%1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <source>确认于 %1</source>
        <translation>Confirmed %1</translation>
    </message>
    <message>
        <source>确认订单</source>
        <translation>Confirm order</translation>
    </message>
</context>
<context>
    <name>OrdersTab</name>
    <message>
        <source>%1% · 已出 %2%</source>
        <translation>%1% · shipped %2%</translation>
    </message>
    <message>
        <source>为当前订单登记客户投诉(售后)</source>
        <translation>Record a client complaint about this order (after-sales)</translation>
    </message>
    <message>
        <source>出货</source>
        <translation>Shipments</translation>
    </message>
    <message>
        <source>发给客户</source>
        <translation>To client</translation>
    </message>
    <message>
        <source>审查与状态</source>
        <translation>Review and status</translation>
    </message>
    <message>
        <source>报价/PI</source>
        <translation>Quotation/PI</translation>
    </message>
    <message>
        <source>操作记录</source>
        <translation>History</translation>
    </message>
    <message>
        <source>收款</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>改单版本</source>
        <translation>Revisions</translation>
    </message>
    <message>
        <source>新建订单</source>
        <translation>New order</translation>
    </message>
    <message>
        <source>最后一道工序良品 %1 / %2 件;已出货 %3 件</source>
        <translation>Good at the last step: %1 of %2; shipped: %3</translation>
    </message>
    <message>
        <source>登记客诉…</source>
        <translation>File a complaint…</translation>
    </message>
    <message>
        <source>筛选:订单号、客户订单号、客户名称或拼音首字母…</source>
        <translation>Filter: order no., client PO, client name or pinyin initials…</translation>
    </message>
    <message>
        <source>订单</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>订单有未保存的修改,要先保存吗?</source>
        <translation>The order has unsaved changes. Save them first?</translation>
    </message>
    <message>
        <source>订单有未保存的修改,退出前要先保存吗?</source>
        <translation>The order has unsaved changes. Save them before quitting?</translation>
    </message>
</context>
<context>
    <name>PaymentForm</name>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>币种</source>
        <translation>Currency</translation>
    </message>
    <message>
        <source>收款</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>收款日期 *</source>
        <translation>Payment date *</translation>
    </message>
    <message>
        <source>款项 *</source>
        <translation>Kind *</translation>
    </message>
    <message>
        <source>金额 *</source>
        <translation>Amount *</translation>
    </message>
    <message>
        <source>银行水单号</source>
        <translation>Bank reference no.</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>“%1”是正在使用的数据库文件,请另选文件名。</source>
        <translation>“%1” is the database file in use; choose another file name.</translation>
    </message>
    <message>
        <source>保存为 PDF 文件;计为已打印一份。</source>
        <translation>Saves a PDF file; counts as one printed copy.</translation>
    </message>
    <message>
        <source>共 %1 页</source>
        <translation>Pages: %1</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>另存为 PDF(&amp;S)…</source>
        <translation>&amp;Save as PDF…</translation>
    </message>
    <message>
        <source>在系统的 PDF 查看器中打开;计为已打印一份。</source>
        <translation>Opens in the system PDF viewer; counts as one printed copy.</translation>
    </message>
    <message>
        <source>对账单</source>
        <translation>Statement</translation>
    </message>
    <message>
        <source>形式发票 %1</source>
        <translation>Proforma invoice %1</translation>
    </message>
    <message>
        <source>打印 %1</source>
        <translation>Print %1</translation>
    </message>
    <message>
        <source>打印(&amp;P)…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>报价单 %1</source>
        <translation>Quotation %1</translation>
    </message>
    <message>
        <source>整页</source>
        <translation>Whole page</translation>
    </message>
    <message>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <source>无法写入 %1:%2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>无法打开</source>
        <translation>Cannot open</translation>
    </message>
    <message>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <source>正在打印流程卡…</source>
        <translation>Printing flow cards…</translation>
    </message>
    <message>
        <source>正在打印第 %1 / %2 页…</source>
        <translation>Printing page %1 of %2…</translation>
    </message>
    <message>
        <source>正在生成流程卡 %1 / %2…</source>
        <translation>Making flow card %1 of %2…</translation>
    </message>
    <message>
        <source>正在生成流程卡…</source>
        <translation>Making flow cards…</translation>
    </message>
    <message>
        <source>没有找到能打开 PDF 的程序。文件在:%1</source>
        <translation>No program to open PDF files was found. The file is at: %1</translation>
    </message>
    <message>
        <source>流程卡 %1</source>
        <translation>Flow card %1</translation>
    </message>
    <message>
        <source>流程卡 %1(%2 张)</source>
        <translation>Flow cards %1 (%2)</translation>
    </message>
    <message>
        <source>生产单 %1 R%2</source>
        <translation>Production sheet %1 R%2</translation>
    </message>
    <message>
        <source>用系统查看器打开(&amp;O)</source>
        <translation>&amp;Open in the system viewer</translation>
    </message>
    <message>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
</context>
<context>
    <name>ProductionPanels</name>
    <message>
        <source> 第%1批</source>
        <translation> batch %1</translation>
    </message>
    <message>
        <source>%1,供应商 %2:采购 %3,已到 %4。</source>
        <translation>%1, supplier %2: ordered %3, received %4.</translation>
    </message>
    <message>
        <source>(客供)</source>
        <translation>(client-supplied)</translation>
    </message>
    <message>
        <source>(整张订单)</source>
        <translation>(whole order)</translation>
    </message>
    <message>
        <source>上报…</source>
        <translation>Escalate…</translation>
    </message>
    <message>
        <source>上报异常</source>
        <translation>Escalate exception</translation>
    </message>
    <message>
        <source>上报给谁</source>
        <translation>Escalated to</translation>
    </message>
    <message>
        <source>上报给谁(如厂长、老板、客户)?</source>
        <translation>Escalate to whom (e.g. factory manager, boss, client)?</translation>
    </message>
    <message>
        <source>例如:厂长、老板</source>
        <translation>e.g. the factory manager, the boss</translation>
    </message>
    <message>
        <source>例如:已换备用布料,返工 40 件,交期不变</source>
        <translation>e.g. switched to the spare fabric, 40 pcs reworked, delivery unchanged</translation>
    </message>
    <message>
        <source>例如:数量开错,重新下发</source>
        <translation>e.g. wrong quantity, issued again</translation>
    </message>
    <message>
        <source>共 %1 份单据待收回,%2 份纸质未交回</source>
        <translation>%1 documents to collect, %2 paper copies out</translation>
    </message>
    <message>
        <source>处理结果</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>尚未登记物料(开始生产前可在上面添加)。</source>
        <translation>No materials recorded yet (add them above before production starts).</translation>
    </message>
    <message>
        <source>已作废(未打印,无需交回)</source>
        <translation>Void (never printed, nothing to collect)</translation>
    </message>
    <message>
        <source>已到齐</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>已打印 %1 份,已交回 %2 份,还有 %3 份未交回。本次交回几份?</source>
        <translation>%1 copies printed, %2 returned, %3 still out. How many came back now?</translation>
    </message>
    <message>
        <source>已收回,待交回 %1 / %2 份</source>
        <translation>Recalled, %1 of %2 copies still out</translation>
    </message>
    <message>
        <source>已收回并交回</source>
        <translation>Recalled and returned</translation>
    </message>
    <message>
        <source>已解决…</source>
        <translation>Resolved…</translation>
    </message>
    <message>
        <source>异常已解决</source>
        <translation>Exception resolved</translation>
    </message>
    <message>
        <source>把一张尚未投产的流程卡按数量分给另一家工厂</source>
        <translation>Give some pieces of a card not yet started to another factory</translation>
    </message>
    <message>
        <source>报告异常…</source>
        <translation>Report exception…</translation>
    </message>
    <message>
        <source>报告生产异常</source>
        <translation>Report a production exception</translation>
    </message>
    <message>
        <source>拆分给其他工厂…</source>
        <translation>Split to another factory…</translation>
    </message>
    <message>
        <source>收回此流程卡…</source>
        <translation>Recall this flow card…</translation>
    </message>
    <message>
        <source>收回流程卡</source>
        <translation>Recall flow card</translation>
    </message>
    <message>
        <source>收回流程卡 %1?收回后此卡作废,纸卡需交回。</source>
        <translation>Recall flow card %1? It becomes void and the paper card must be returned.</translation>
    </message>
    <message>
        <source>改派工厂…</source>
        <translation>Reassign factory…</translation>
    </message>
    <message>
        <source>整张流程卡转给另一家工厂(如备选工厂)</source>
        <translation>Move the whole card to another factory (e.g. a backup factory)</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>未到齐</source>
        <translation>Outstanding</translation>
    </message>
    <message>
        <source>流程卡</source>
        <translation>Flow cards</translation>
    </message>
    <message>
        <source>流程卡工厂</source>
        <translation>Flow card factory</translation>
    </message>
    <message>
        <source>物料不足:%1</source>
        <translation>Materials short: %1</translation>
    </message>
    <message>
        <source>物料已齐备。</source>
        <translation>Materials are covered.</translation>
    </message>
    <message>
        <source>生产单</source>
        <translation>Production sheet</translation>
    </message>
    <message>
        <source>登记交回:%1 %2</source>
        <translation>Return paper: %1 %2</translation>
    </message>
    <message>
        <source>登记到货</source>
        <translation>Book delivery</translation>
    </message>
    <message>
        <source>登记到货…</source>
        <translation>Book delivery…</translation>
    </message>
    <message>
        <source>登记已交回</source>
        <translation>Mark returned</translation>
    </message>
    <message>
        <source>请先在上表中选择要采购的物料。</source>
        <translation>First choose the material to purchase in the table above.</translation>
    </message>
    <message>
        <source>请先选择一张有效的流程卡。</source>
        <translation>Select a valid flow card first.</translation>
    </message>
    <message>
        <source>逾期 %1 天</source>
        <translation>%1 days overdue</translation>
    </message>
    <message>
        <source>采取了什么措施,结果如何?</source>
        <translation>What was done, and with what result?</translation>
    </message>
    <message>
        <source>采购 %1</source>
        <translation>Purchase %1</translation>
    </message>
    <message>
        <source>采购此物料…</source>
        <translation>Purchase this material…</translation>
    </message>
    <message>
        <source>采购跟单</source>
        <translation>Purchase follow-up</translation>
    </message>
</context>
<context>
    <name>ProductionTab</name>
    <message>
        <source>下发流程卡…</source>
        <translation>Issue flow cards…</translation>
    </message>
    <message>
        <source>下发生产单</source>
        <translation>Issue production sheet</translation>
    </message>
    <message>
        <source>交期 %1</source>
        <translation>Delivery %1</translation>
    </message>
    <message>
        <source>例如:客户同意先用库存布开裁</source>
        <translation>e.g. the client agreed to cut from the fabric in stock</translation>
    </message>
    <message>
        <source>取消前已开流程卡 %1 件,已投产 %2 件,完工 %3 件</source>
        <translation>Before the cancellation: %1 pcs on flow cards, %2 started, %3 finished</translation>
    </message>
    <message>
        <source>在左边选择订单,或在“生产进度”页扫描流程卡。</source>
        <translation>Choose an order on the left, or scan a flow card on the “Progress” page.</translation>
    </message>
    <message>
        <source>尚未下发生产单</source>
        <translation>no production sheet yet</translation>
    </message>
    <message>
        <source>开始生产</source>
        <translation>Start production</translation>
    </message>
    <message>
        <source>开始生产…</source>
        <translation>Start production…</translation>
    </message>
    <message>
        <source>待收回单据</source>
        <translation>Documents to collect</translation>
    </message>
    <message>
        <source>待生产/生产中</source>
        <translation>To produce / in production</translation>
    </message>
    <message>
        <source>打印全部流程卡</source>
        <translation>Print all flow cards</translation>
    </message>
    <message>
        <source>打印所选流程卡</source>
        <translation>Print selected flow cards</translation>
    </message>
    <message>
        <source>打印生产单</source>
        <translation>Print production sheet</translation>
    </message>
    <message>
        <source>本版本已有生产单。重新下发将收回旧单,继续吗?</source>
        <translation>This revision already has a production sheet. Re-issuing recalls the old one; continue?</translation>
    </message>
    <message>
        <source>物料不足,强制开始生产</source>
        <translation>Materials short: start production anyway</translation>
    </message>
    <message>
        <source>物料不足:%1。如仍要开始生产,请填写原因(将记录在订单上):</source>
        <translation>Materials short: %1. To start production anyway, give the reason (kept on the order):</translation>
    </message>
    <message>
        <source>物料与采购</source>
        <translation>Materials and purchases</translation>
    </message>
    <message>
        <source>生产单 %1</source>
        <translation>Production sheet %1</translation>
    </message>
    <message>
        <source>生产单与流程卡</source>
        <translation>Sheets and flow cards</translation>
    </message>
    <message>
        <source>生产异常</source>
        <translation>Exceptions</translation>
    </message>
    <message>
        <source>生产进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>筛选:订单号、流程卡号、客户…</source>
        <translation>Filter: order no., flow card no., client…</translation>
    </message>
    <message>
        <source>订单 %1 件,已开流程卡 %2 件,完工 %3 件(%4%)</source>
        <translation>Order %1 pcs, on flow cards %2, finished %3 (%4%)</translation>
    </message>
    <message>
        <source>请在“生产单与流程卡”页选择要打印的流程卡。</source>
        <translation>Select the flow cards to print on the “Sheets and flow cards” page.</translation>
    </message>
    <message>
        <source>这张订单还缺:
%1

仍要开始生产吗?</source>
        <translation>This order still lacks:
%1

Start production anyway?</translation>
    </message>
    <message>
        <source>重新下发生产单</source>
        <translation>Re-issue production sheet</translation>
    </message>
</context>
<context>
    <name>ProgressEntry</name>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>工序</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>扫描流程卡</source>
        <translation>Scan flow card</translation>
    </message>
    <message>
        <source>扫码枪扫描流程卡条码,或输入卡号后回车</source>
        <translation>Scan the flow card's barcode, or type the card number and press Enter</translation>
    </message>
    <message>
        <source>投入</source>
        <translation>In</translation>
    </message>
    <message>
        <source>操作员 *</source>
        <translation>Operator *</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>次品</source>
        <translation>Defects</translation>
    </message>
    <message>
        <source>流程卡</source>
        <translation>Flow cards</translation>
    </message>
    <message>
        <source>登记进度</source>
        <translation>Record progress</translation>
    </message>
    <message>
        <source>登记进度 (Enter)</source>
        <translation>Record progress (Enter)</translation>
    </message>
    <message>
        <source>良品</source>
        <translation>Good</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <source>%1:第 %2 批,%3,%4 件</source>
        <translation>%1: batch %2, %3, %4 pcs</translation>
    </message>
    <message>
        <source>(作废)</source>
        <translation>(void)</translation>
    </message>
    <message>
        <source>(已完成)</source>
        <translation>(finished)</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>完成于 %1</source>
        <translation>Finished on %1</translation>
    </message>
    <message>
        <source>差%1</source>
        <translation>missing %1</translation>
    </message>
    <message>
        <source>已登记 %1 工序 %2:投入 %3,良品 %4,次品 %5。</source>
        <translation>Recorded %1 step %2: in %3, good %4, defect %5.</translation>
    </message>
    <message>
        <source>已超过计划日期</source>
        <translation>Past the planned date</translation>
    </message>
    <message>
        <source>投入 %1 件,良品 %2 + 次品 %3 = %4 件,还差 %5 件。

确认这 %5 件短少(丢失、待返工),按差异登记吗?选“否”返回修改数量。</source>
        <translation>%1 pcs put in, good %2 + defect %3 = %4 pcs: %5 pcs are missing.

Record these %5 pcs as missing (lost, waiting for rework)? Choose “No” to correct the quantities.</translation>
    </message>
    <message>
        <source>投入 %1,良品 %2,次品 %3</source>
        <translation>In %1, good %2, defect %3</translation>
    </message>
    <message>
        <source>数量对不上</source>
        <translation>Quantities do not add up</translation>
    </message>
    <message>
        <source>次%1</source>
        <translation>def. %1</translation>
    </message>
    <message>
        <source>此卡已收回作废(%1),已登记的进度保留可查,不计入合计。</source>
        <translation>This card was recalled and is void (%1); its recorded progress stays visible and is not in the totals.</translation>
    </message>
    <message>
        <source>流程卡 %1 的所有工序都已完成。</source>
        <translation>Every step of flow card %1 is finished.</translation>
    </message>
    <message>
        <source>绿色:已完成;黄色:进行中;红色:已超过计划日期。每格:良品 / 卡数量。</source>
        <translation>Green: finished; yellow: in progress; red: past the planned date. Each cell: good / card quantity.</translation>
    </message>
    <message>
        <source>计划完成:%1</source>
        <translation>Planned finish: %1</translation>
    </message>
    <message>
        <source>订单已取消,此卡已作废;已登记的进度保留可查。</source>
        <translation>The order is cancelled and this card is void; its recorded progress stays visible.</translation>
    </message>
    <message>
        <source>请先扫描或输入流程卡号。</source>
        <translation>Scan or type a flow card number first.</translation>
    </message>
</context>
<context>
    <name>PurchaseForm</name>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <source>下单日期</source>
        <translation>Order date</translation>
    </message>
    <message>
        <source>供应商 *</source>
        <translation>Supplier *</translation>
    </message>
    <message>
        <source>到料日期 *</source>
        <translation>Due date *</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>采购数量 *</source>
        <translation>Quantity ordered *</translation>
    </message>
    <message>
        <source>采购跟单</source>
        <translation>Purchase follow-up</translation>
    </message>
</context>
<context>
    <name>QuotationEditor</name>
    <message>
        <source>(有无效的数量、成本或单价)</source>
        <translation>(some quantities, costs or prices are invalid)</translation>
    </message>
    <message>
        <source>PI 号 %1</source>
        <translation>PI no. %1</translation>
    </message>
    <message>
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>删除行</source>
        <translation>Delete line</translation>
    </message>
    <message>
        <source>只读</source>
        <translation>read-only</translation>
    </message>
    <message>
        <source>合计:%1 件,%2 %3(成本 ¥%4)</source>
        <translation>Total: %1 pcs, %2 %3 (cost ¥%4)</translation>
    </message>
    <message>
        <source>复制行</source>
        <translation>Copy line</translation>
    </message>
    <message>
        <source>已转为订单 %1</source>
        <translation>became order %1</translation>
    </message>
    <message>
        <source>开PI</source>
        <translation>Issue PI</translation>
    </message>
    <message>
        <source>报价单</source>
        <translation>Quotations</translation>
    </message>
    <message>
        <source>报价单 %1</source>
        <translation>Quotation %1</translation>
    </message>
    <message>
        <source>报价单有未保存的修改,要先保存吗?</source>
        <translation>The quotation has unsaved changes. Save them first?</translation>
    </message>
    <message>
        <source>新报价单</source>
        <translation>New quotation</translation>
    </message>
    <message>
        <source>查看订单 %1</source>
        <translation>Open order %1</translation>
    </message>
    <message>
        <source>标记已发送</source>
        <translation>Mark sent</translation>
    </message>
    <message>
        <source>添加行</source>
        <translation>Add line</translation>
    </message>
    <message>
        <source>请先保存报价单的修改。</source>
        <translation>Save the changes to the quotation first.</translation>
    </message>
    <message>
        <source>转为订单…</source>
        <translation>Make an order…</translation>
    </message>
    <message>
        <source>预览/打印</source>
        <translation>Preview / print</translation>
    </message>
</context>
<context>
    <name>QuotationForm</name>
    <message>
        <source>FOB / CIF / EXW …</source>
        <translation>FOB / CIF / EXW …</translation>
    </message>
    <message>
        <source>付款方式</source>
        <translation>Payment terms</translation>
    </message>
    <message>
        <source>价格有效期至</source>
        <translation>Prices valid until</translation>
    </message>
    <message>
        <source>例如 7.1:1 美元折合 7.1 元人民币</source>
        <translation>For example 7.1: 1 USD is worth 7.1 CNY</translation>
    </message>
    <message>
        <source>利润率 %</source>
        <translation>Margin %</translation>
    </message>
    <message>
        <source>在总成本上加的百分比</source>
        <translation>Percentage added on top of the total cost</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>客户 *</source>
        <translation>Client *</translation>
    </message>
    <message>
        <source>币种</source>
        <translation>Currency</translation>
    </message>
    <message>
        <source>报价单</source>
        <translation>Quotations</translation>
    </message>
    <message>
        <source>报价日期</source>
        <translation>Quotation date</translation>
    </message>
    <message>
        <source>汇率(人民币/单位外币)</source>
        <translation>Exchange rate (CNY per unit)</translation>
    </message>
    <message>
        <source>贸易条款</source>
        <translation>Trade terms</translation>
    </message>
</context>
<context>
    <name>QuotationItems</name>
    <message>
        <source>人民币/件</source>
        <translation>CNY per piece</translation>
    </message>
    <message>
        <source>手动价格;按成本计算为 %1。清空单元格恢复自动计算。</source>
        <translation>Price typed by hand; from the costs it would be %1. Clear the cell to price from the costs again.</translation>
    </message>
    <message>
        <source>按成本、利润率和汇率自动计算;直接输入价格即为手动价格(蓝色粗体),清空则恢复自动计算</source>
        <translation>Computed from the costs, margin and exchange rate; type a price to override it (bold blue), clear it to compute again</translation>
    </message>
</context>
<context>
    <name>QuotationOrderForm</name>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <source>下单方式</source>
        <translation>Order channel</translation>
    </message>
    <message>
        <source>交期 *</source>
        <translation>Delivery date *</translation>
    </message>
    <message>
        <source>客户订单号</source>
        <translation>Client PO no.</translation>
    </message>
    <message>
        <source>报价单转订单</source>
        <translation>Quotation to order</translation>
    </message>
</context>
<context>
    <name>ReasonForm</name>
    <message>
        <source>原因 *</source>
        <translation>Cause *</translation>
    </message>
    <message>
        <source>填写原因</source>
        <translation>Enter the reason</translation>
    </message>
</context>
<context>
    <name>ReceiveForm</name>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <source>允许超收(供应商多交)</source>
        <translation>Allow excess (supplier delivered more)</translation>
    </message>
    <message>
        <source>到货数量 *</source>
        <translation>Quantity received *</translation>
    </message>
    <message>
        <source>到货日期</source>
        <translation>Received on</translation>
    </message>
    <message>
        <source>登记到货</source>
        <translation>Book delivery</translation>
    </message>
</context>
<context>
    <name>RecordText</name>
    <message>
        <source>%1 每件 %2 %3,损耗 %4%</source>
        <translation>%1 %2 %3 per piece, loss %4%</translation>
    </message>
    <message>
        <source>%1 缺 %2 %3</source>
        <translation>%1 short by %2 %3</translation>
    </message>
    <message>
        <source>%1,供应商 %2,到料 %3</source>
        <translation>%1 from %2, due %3</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>投入 %1,良品 %2,次品 %3,操作员 %4,日期 %5</source>
        <translation>In %1, good %2, defect %3, operator %4, date %5</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>第 %1 行</source>
        <translation>Line %1</translation>
    </message>
    <message>
        <source>累计 %1(本次 +%2,%3)</source>
        <translation>%1 in all (+%2 on %3)</translation>
    </message>
    <message>
        <source>订单已取消</source>
        <translation>Order cancelled</translation>
    </message>
    <message>
        <source>订单已取消:%1</source>
        <translation>Order cancelled: %1</translation>
    </message>
    <message>
        <source>订单改为 %1</source>
        <translation>Order revised to %1</translation>
    </message>
    <message>
        <source>订单改为 %1:%2</source>
        <translation>Order revised to %1: %2</translation>
    </message>
    <message>
        <source>重新下发 %1</source>
        <translation>Re-issued as %1</translation>
    </message>
</context>
<context>
    <name>RemakeForm</name>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <source>补单</source>
        <translation>Remake</translation>
    </message>
    <message>
        <source>补单交期 *</source>
        <translation>Remake delivery date *</translation>
    </message>
</context>
<context>
    <name>Reminders</name>
    <message>
        <source>跟单桌面</source>
        <translation>Gendan Desktop</translation>
    </message>
</context>
<context>
    <name>ReturnCopiesForm</name>
    <message>
        <source> 份</source>
        <translation> copies</translation>
    </message>
    <message>
        <source>交回份数 *</source>
        <translation>Copies back *</translation>
    </message>
    <message>
        <source>登记交回</source>
        <translation>Return paper</translation>
    </message>
</context>
<context>
    <name>ReviewForm</name>
    <message>
        <source>五项全部通过后订单变为“已审查”,才能确认。</source>
        <translation>When all five checks pass the order becomes “Reviewed” and can be confirmed.</translation>
    </message>
    <message>
        <source>交期:能按客户要求的日期交货</source>
        <translation>Date: we can deliver by the date the client asks</translation>
    </message>
    <message>
        <source>审查备注</source>
        <translation>Review notes</translation>
    </message>
    <message>
        <source>数量:产能够、数量合理</source>
        <translation>Quantity: capacity is there and the quantity makes sense</translation>
    </message>
    <message>
        <source>物料:原料、辅料能按时备齐</source>
        <translation>Material: materials and accessories can be ready in time</translation>
    </message>
    <message>
        <source>生产能力:我们能做这个产品和工艺</source>
        <translation>Capability: we can make this product and process</translation>
    </message>
    <message>
        <source>订单审查</source>
        <translation>Order review</translation>
    </message>
    <message>
        <source>颜色:颜色/色号能做到</source>
        <translation>Colour: we can match the colour / shade</translation>
    </message>
</context>
<context>
    <name>RevisionsView</name>
    <message>
        <source>(当前)</source>
        <translation>(current)</translation>
    </message>
    <message>
        <source>与</source>
        <translation>and</translation>
    </message>
    <message>
        <source>修改内容</source>
        <translation>Changes</translation>
    </message>
    <message>
        <source>原因:%1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <source>原始版本</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>比较</source>
        <translation>Compare</translation>
    </message>
    <message>
        <source>第 %1 行</source>
        <translation>Line %1</translation>
    </message>
    <message>
        <source>订单抬头</source>
        <translation>Order header</translation>
    </message>
</context>
<context>
    <name>SampleDecisionForm</name>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <source>客户意见</source>
        <translation>Client comments</translation>
    </message>
    <message>
        <source>批板</source>
        <translation>Sample approval</translation>
    </message>
    <message>
        <source>日期 *</source>
        <translation>Date *</translation>
    </message>
</context>
<context>
    <name>SampleForm</name>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <source>品名 *</source>
        <translation>Product *</translation>
    </message>
    <message>
        <source>尺码</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>新打样</source>
        <translation>New sample</translation>
    </message>
    <message>
        <source>样品交期</source>
        <translation>Sample due date</translation>
    </message>
    <message>
        <source>款号</source>
        <translation>Style</translation>
    </message>
    <message>
        <source>要求</source>
        <translation>Requirements</translation>
    </message>
    <message>
        <source>颜色</source>
        <translation>Colour</translation>
    </message>
</context>
<context>
    <name>SampleOrderForm</name>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <source>交期 *</source>
        <translation>Delivery date *</translation>
    </message>
    <message>
        <source>单价 *</source>
        <translation>Unit price *</translation>
    </message>
    <message>
        <source>大货数量 *</source>
        <translation>Bulk quantity *</translation>
    </message>
    <message>
        <source>客户订单号</source>
        <translation>Client PO no.</translation>
    </message>
    <message>
        <source>币种</source>
        <translation>Currency</translation>
    </message>
    <message>
        <source>样品转大货订单</source>
        <translation>Sample to bulk order</translation>
    </message>
</context>
<context>
    <name>SampleSendForm</name>
    <message>
        <source>DHL、顺丰…</source>
        <translation>DHL, SF Express…</translation>
    </message>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <source>寄出日期 *</source>
        <translation>Date sent *</translation>
    </message>
    <message>
        <source>寄出样品</source>
        <translation>Send sample</translation>
    </message>
    <message>
        <source>快递公司 *</source>
        <translation>Courier *</translation>
    </message>
    <message>
        <source>快递单号</source>
        <translation>Tracking no.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>%1 的汇率“%2”无效:请填写大于 0 的数字。</source>
        <translation>The exchange rate “%2” of %1 is not valid: enter a number above 0.</translation>
    </message>
    <message>
        <source>A4 每页两张</source>
        <translation>A4, two per page</translation>
    </message>
    <message>
        <source>A5 每页一张</source>
        <translation>A5, one per page</translation>
    </message>
    <message>
        <source>PNG 或 JPG,保存在数据库中</source>
        <translation>PNG or JPG, kept in the database</translation>
    </message>
    <message>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>产品类别(如 服装、针织):</source>
        <translation>Product category (e.g. garment, knit):</translation>
    </message>
    <message>
        <source>公司信息</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>公司名称</source>
        <translation>Company name</translation>
    </message>
    <message>
        <source>公司名称(英文)</source>
        <translation>Company name (English)</translation>
    </message>
    <message>
        <source>公司资料、标志、币种与汇率、工艺路线,按步骤重新设置一遍</source>
        <translation>Company profile, logo, currencies and rates, process routes: set them up again step by step</translation>
    </message>
    <message>
        <source>删除工序</source>
        <translation>Remove step</translation>
    </message>
    <message>
        <source>删除币种</source>
        <translation>Remove currency</translation>
    </message>
    <message>
        <source>删除类别</source>
        <translation>Delete category</translation>
    </message>
    <message>
        <source>可用币种与汇率:1 单位该币种折合多少本币。应收款和客户余额按这些汇率折合本币;没填汇率的币种不折合,只提示汇率未设置。</source>
        <translation>Currencies and exchange rates: how much home currency one unit of the currency is worth. Receivables and client balances are converted at these rates; a currency without a rate is not converted, only reported as missing.</translation>
    </message>
    <message>
        <source>图片 (*.png *.jpg *.jpeg)</source>
        <translation>Images (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>在任务栏通知区提醒到期的跟进和延误的工序(每项每天一次)</source>
        <translation>Remind me in the notification area of follow-ups due and late steps (each once a day)</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>备份与语言</source>
        <translation>Backup and language</translation>
    </message>
    <message>
        <source>备份文件夹</source>
        <translation>Backup folder</translation>
    </message>
    <message>
        <source>客户名称</source>
        <translation>Client name</translation>
    </message>
    <message>
        <source>客户编号(对工人保密客户名)</source>
        <translation>Client code (keeps the client's name from the floor)</translation>
    </message>
    <message>
        <source>工序</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>工序(按顺序)与计划天数:</source>
        <translation>Steps (in order) and planned days:</translation>
    </message>
    <message>
        <source>工艺路线</source>
        <translation>Process routes</translation>
    </message>
    <message>
        <source>已保存在数据库中;选择新图片可替换</source>
        <translation>Kept in the database; choose another picture to replace it</translation>
    </message>
    <message>
        <source>币种</source>
        <translation>Currency</translation>
    </message>
    <message>
        <source>币种“%1”无效:请用三个字母的代码,如 USD。</source>
        <translation>The currency “%1” is not valid: use a three-letter code such as USD.</translation>
    </message>
    <message>
        <source>打印客户</source>
        <translation>Print client as</translation>
    </message>
    <message>
        <source>提醒</source>
        <translation>Reminders</translation>
    </message>
    <message>
        <source>新建工艺路线</source>
        <translation>New process route</translation>
    </message>
    <message>
        <source>新建类别…</source>
        <translation>New category…</translation>
    </message>
    <message>
        <source>本币(记账币种)</source>
        <translation>Home currency</translation>
    </message>
    <message>
        <source>标志图片</source>
        <translation>Logo</translation>
    </message>
    <message>
        <source>汇率</source>
        <translation>Exchange rate</translation>
    </message>
    <message>
        <source>流程卡版式</source>
        <translation>Flow card layout</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>添加工序</source>
        <translation>Add step</translation>
    </message>
    <message>
        <source>添加币种</source>
        <translation>Add currency</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>至少需要一种币种。</source>
        <translation>At least one currency is needed.</translation>
    </message>
    <message>
        <source>计划天数</source>
        <translation>Planned days</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>跟单员姓名</source>
        <translation>Merchandiser's name</translation>
    </message>
    <message>
        <source>选择备份文件夹</source>
        <translation>Choose the backup folder</translation>
    </message>
    <message>
        <source>选择标志图片</source>
        <translation>Choose the logo</translation>
    </message>
    <message>
        <source>首次设置向导…</source>
        <translation>First-start assistant…</translation>
    </message>
    <message>
        <source>默认:数据库旁的 backups 文件夹</source>
        <translation>Default: the backups folder beside the database</translation>
    </message>
</context>
<context>
    <name>ShipmentForm</name>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <source>出货</source>
        <translation>Shipments</translation>
    </message>
    <message>
        <source>出货数量超过已完工数量时必填,例如:库存现货先出</source>
        <translation>Required when shipping more than is finished, e.g. goods from stock first</translation>
    </message>
    <message>
        <source>出货日期 *</source>
        <translation>Shipment date *</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>报关单号</source>
        <translation>Customs declaration no.</translation>
    </message>
    <message>
        <source>提单号</source>
        <translation>B/L no.</translation>
    </message>
    <message>
        <source>柜号</source>
        <translation>Container no.</translation>
    </message>
    <message>
        <source>目的港</source>
        <translation>Port of discharge</translation>
    </message>
    <message>
        <source>船名航次</source>
        <translation>Vessel/voyage</translation>
    </message>
    <message>
        <source>订舱号</source>
        <translation>Booking no.</translation>
    </message>
    <message>
        <source>起运港</source>
        <translation>Port of loading</translation>
    </message>
    <message>
        <source>超出完工原因</source>
        <translation>Reason for exceeding finished</translation>
    </message>
</context>
<context>
    <name>SizeGridEditor</name>
    <message>
        <source>+尺码</source>
        <translation>+ size</translation>
    </message>
    <message>
        <source>+颜色</source>
        <translation>+ colour</translation>
    </message>
    <message>
        <source>“%1”、尺码“%2”:%3</source>
        <translation>“%1”, size “%2”: %3</translation>
    </message>
    <message>
        <source>单价</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <source>各行不同</source>
        <translation>differs by line</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>品名</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>尺码“%1”已经有了。</source>
        <translation>The size “%1” is already there.</translation>
    </message>
    <message>
        <source>款号</source>
        <translation>Style</translation>
    </message>
    <message>
        <source>清空即删除这一列(行)及其数量</source>
        <translation>Empty it to delete this column (row) and its quantities</translation>
    </message>
    <message>
        <source>第一行输入尺码、第一列输入颜色,Tab 到下一格;从 Excel 复制整张尺码表后按 Ctrl+V 粘贴。</source>
        <translation>Type sizes in the first row and colours in the first column, Tab to the next cell; or copy a whole size grid in Excel and paste it with Ctrl+V.</translation>
    </message>
    <message>
        <source>输入尺码,按 Tab 或回车添加一列</source>
        <translation>Type a size, then Tab or Enter to add a column</translation>
    </message>
    <message>
        <source>输入或选择款号</source>
        <translation>Type or pick a style</translation>
    </message>
    <message>
        <source>输入颜色,按 Tab 或回车添加一行</source>
        <translation>Type a colour, then Tab or Enter to add a row</translation>
    </message>
    <message>
        <source>颜色 \ 尺码</source>
        <translation>Colour \ Size</translation>
    </message>
    <message>
        <source>颜色“%1”已经有了。</source>
        <translation>The colour “%1” is already there.</translation>
    </message>
</context>
<context>
    <name>SnoozeForm</name>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <source>到那一天,这些事项会重新出现在工作台上。</source>
        <translation>On that day these items come back on the workbench.</translation>
    </message>
    <message>
        <source>推迟到</source>
        <translation>Put off until</translation>
    </message>
    <message>
        <source>推迟到 *</source>
        <translation>Put off until *</translation>
    </message>
</context>
<context>
    <name>StatementDialog</name>
    <message>
        <source>保存对账单</source>
        <translation>Save statements</translation>
    </message>
    <message>
        <source>全部币种</source>
        <translation>All currencies</translation>
    </message>
    <message>
        <source>对账单</source>
        <translation>Statement</translation>
    </message>
    <message>
        <source>已写入 %1 个文件:%2</source>
        <translation>Wrote %1 file(s): %2</translation>
    </message>
    <message>
        <source>已选 %1 个客户</source>
        <translation>%1 clients selected</translation>
    </message>
    <message>
        <source>开始日期晚于结束日期,请改正期间。</source>
        <translation>The start date is after the end date; correct the period.</translation>
    </message>
    <message>
        <source>所选期间没有对账数据,未写入文件。</source>
        <translation>No statement data in this period; no file written.</translation>
    </message>
    <message>
        <source>请填写对账期间的开始和结束日期。</source>
        <translation>Enter the first and last day of the statement period.</translation>
    </message>
    <message>
        <source>请至少勾选一个客户。</source>
        <translation>Tick at least one client.</translation>
    </message>
    <message>
        <source>选择保存对账单的文件夹</source>
        <translation>Choose the folder for the statements</translation>
    </message>
</context>
<context>
    <name>StatementForm</name>
    <message>
        <source>一个工作簿,每个客户一个工作表</source>
        <translation>One workbook, one sheet per client</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>对账单</source>
        <translation>Statement</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <source>币种:</source>
        <translation>Currency:</translation>
    </message>
    <message>
        <source>开始日期:</source>
        <translation>From:</translation>
    </message>
    <message>
        <source>搜索客户:名称、编号或拼音首字母…</source>
        <translation>Search clients: name, code or pinyin initials…</translation>
    </message>
    <message>
        <source>每个客户一个文件</source>
        <translation>One file per client</translation>
    </message>
    <message>
        <source>结束日期:</source>
        <translation>To:</translation>
    </message>
    <message>
        <source>预览 PDF</source>
        <translation>Preview PDF</translation>
    </message>
    <message>
        <source>预览当前选中客户的对账单</source>
        <translation>Preview the statement of the selected client</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <source>yyyy-MM-dd</source>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>姓名、职务</source>
        <translation>Names and titles</translation>
    </message>
    <message>
        <source>接待人</source>
        <translation>Hosted by</translation>
    </message>
    <message>
        <source>来访人员</source>
        <translation>Visitors</translation>
    </message>
    <message>
        <source>来访日期 *</source>
        <translation>Visit date *</translation>
    </message>
    <message>
        <source>来访目的</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>登记来访</source>
        <translation>Register visit</translation>
    </message>
    <message>
        <source>看厂、验货、谈新款…</source>
        <translation>Factory tour, inspection, new styles…</translation>
    </message>
</context>
<context>
    <name>WelcomePanel</name>
    <message>
        <source>导入 Excel 客户清单…</source>
        <translation>Import my Excel client list…</translation>
    </message>
    <message>
        <source>打开演示数据</source>
        <translation>Open demo data</translation>
    </message>
    <message>
        <source>这个数据库还没有客户和订单。先填好公司资料(印在每张单据上)、币种和工艺路线,再选择从空白开始、先看演示数据,或导入您现有的 Excel 客户和订单清单。</source>
        <translation>This database has no clients or orders yet. Fill in the company profile (printed on every document), currencies and process routes, then start empty, look around in demo data, or import your own Excel client and order lists.</translation>
    </message>
    <message>
        <source>首次设置…</source>
        <translation>First-start setup…</translation>
    </message>
</context>
<context>
    <name>WorkActions</name>
    <message>
        <source>一周后</source>
        <translation>In a week</translation>
    </message>
    <message>
        <source>下周一</source>
        <translation>Next Monday</translation>
    </message>
    <message>
        <source>后天</source>
        <translation>The day after tomorrow</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>完成 (Ctrl+D)</source>
        <translation>Done (Ctrl+D)</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>打开 (Enter)</source>
        <translation>Open (Enter)</translation>
    </message>
    <message>
        <source>推迟</source>
        <translation>Put off</translation>
    </message>
    <message>
        <source>推迟 %1 项:</source>
        <translation>Put off %1 item(s):</translation>
    </message>
    <message>
        <source>推迟 (Ctrl+L)</source>
        <translation>Put off (Ctrl+L)</translation>
    </message>
    <message>
        <source>推迟到</source>
        <translation>Put off until</translation>
    </message>
    <message>
        <source>明天</source>
        <translation>Tomorrow</translation>
    </message>
    <message>
        <source>跟进:标记为已跟进;其他事项:今天不再显示,明天如仍未处理会再出现</source>
        <translation>A follow-up: marked as done. Anything else: gone for today, back tomorrow if still open</translation>
    </message>
    <message>
        <source>选中事项后:Enter 打开,Ctrl+D 完成,Ctrl+L 推迟;按住 Ctrl 可多选</source>
        <translation>Select an item: Enter opens it, Ctrl+D marks it done, Ctrl+L puts it off; Ctrl+click selects several</translation>
    </message>
    <message>
        <source>选择日期…</source>
        <translation>Pick a date…</translation>
    </message>
</context>
<context>
    <name>Workbench</name>
    <message>
        <source> · 已推迟 %1</source>
        <translation> · %1 put off</translation>
    </message>
    <message>
        <source> · 已推迟 %1 件</source>
        <translation> · %1 put off</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>%1 · 今天有 %2 件事要处理 · 未来 %3 天 %4 件</source>
        <translation>%1 · To do today: %2 · next %3 days: %4</translation>
    </message>
    <message>
        <source>M月d日 dddd</source>
        <translation>ddd d MMM</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>To do</translation>
    </message>
    <message>
        <source>交期风险订单</source>
        <translation>Orders at risk or late</translation>
    </message>
    <message>
        <source>今天 %1:交货、工序、报价、收款</source>
        <translation>Today, %1: deliveries, steps, quotations, payments</translation>
    </message>
    <message>
        <source>今日待跟进</source>
        <translation>Follow-ups due today</translation>
    </message>
    <message>
        <source>刷新 (F5)</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <source>只显示设置中填写的跟单员负责的事项(以及没有指定跟单员的)</source>
        <translation>Show only the items of the merchandiser named in the settings (and those nobody is named for)</translation>
    </message>
    <message>
        <source>只看我的</source>
        <translation>Only mine</translation>
    </message>
    <message>
        <source>延误工序</source>
        <translation>Late process steps</translation>
    </message>
    <message>
        <source>待处理客诉</source>
        <translation>Open complaints</translation>
    </message>
    <message>
        <source>待收回的作废单据</source>
        <translation>Recalled documents to collect</translation>
    </message>
    <message>
        <source>无法载入:%1</source>
        <translation>Could not load: %1</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>明天 %1</source>
        <translation>Tomorrow, %1</translation>
    </message>
    <message>
        <source>未来 </source>
        <translation>Next </translation>
    </message>
    <message>
        <source>未解决的生产异常</source>
        <translation>Open production exceptions</translation>
    </message>
    <message>
        <source>正在载入今天和未来几天的待办…</source>
        <translation>Loading today's and the coming days' work…</translation>
    </message>
    <message>
        <source>逾期应收款</source>
        <translation>Overdue receivables</translation>
    </message>
    <message>
        <source>逾期未到物料</source>
        <translation>Late material purchases</translation>
    </message>
    <message>
        <source>逾期未跟进</source>
        <translation>Overdue follow-ups</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>从备份恢复…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <source>原来的文件已保存为“%1”。</source>
        <translation>The previous file was kept as “%1”.</translation>
    </message>
    <message>
        <source>已从“%1”恢复。</source>
        <translation>Restored from “%1”.</translation>
    </message>
    <message>
        <source>已自动备份到 %1</source>
        <translation>Backed up automatically to %1</translation>
    </message>
    <message>
        <source>恢复失败</source>
        <translation>Restore failed</translation>
    </message>
    <message>
        <source>恢复完成</source>
        <translation>Restore finished</translation>
    </message>
    <message>
        <source>打开其他数据库…</source>
        <translation>Open another database…</translation>
    </message>
    <message>
        <source>打开数据库</source>
        <translation>Open database</translation>
    </message>
    <message>
        <source>数据库在网络共享上</source>
        <translation>The database is on a network share</translation>
    </message>
    <message>
        <source>数据库文件“%1”在网络共享(%2)上。SQLite 的 WAL 模式在网络共享上不安全:两台电脑同时打开它可能损坏数据。

多人共用一个数据库,请改用团队模式(PostgreSQL 服务器);一个人使用,请把数据库放在本机磁盘上。</source>
        <translation>The database file “%1” is on a network share (%2). SQLite's WAL mode is not safe on a network share: two computers using it at the same time can damage the data.

To share one database between several people, use team mode (a PostgreSQL server); for one person, keep the database on this computer's own disk.</translation>
    </message>
    <message>
        <source>新建数据库</source>
        <translation>New database</translation>
    </message>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <source>自动备份失败:%1</source>
        <translation>Automatic backup failed: %1</translation>
    </message>
    <message>
        <source>跟单桌面</source>
        <translation>Gendan Desktop</translation>
    </message>
    <message>
        <source>跟单桌面备份 (*.sqlite3);;所有文件 (*)</source>
        <translation>Gendan Desktop backups (*.sqlite3);;All files (*)</translation>
    </message>
    <message>
        <source>跟单桌面数据库 (*.sqlite3 *.db);;所有文件 (*)</source>
        <translation>Gendan Desktop databases (*.sqlite3 *.db);;All files (*)</translation>
    </message>
    <message>
        <source>这个数据库已经在另一个跟单桌面窗口中打开,但那个窗口没有响应。请稍等片刻再试;如果一直这样,请在任务管理器中结束它。</source>
        <translation>This database is already open in another Gendan Desktop window, but that window does not respond. Wait a moment and try again; if it stays like this, end it in the Task Manager.</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
</context>
<context>
    <name>backup</name>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>原来的文件已保存为“%1”。</source>
        <translation>The previous file was kept as “%1”.</translation>
    </message>
    <message>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>备份数据库到</source>
        <translation>Back up the database to</translation>
    </message>
    <message>
        <source>已从“%1”恢复。</source>
        <translation>Restored from “%1”.</translation>
    </message>
    <message>
        <source>已备份到 %1</source>
        <translation>Backed up to %1</translation>
    </message>
    <message>
        <source>恢复失败</source>
        <translation>Restore failed</translation>
    </message>
    <message>
        <source>恢复完成</source>
        <translation>Restore finished</translation>
    </message>
    <message>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>用“%1”替换当前数据库?当前数据会先另存一份。</source>
        <translation>Replace the current database with “%1”? The current data is saved aside first.</translation>
    </message>
    <message>
        <source>跟单桌面备份 (*.sqlite3)</source>
        <translation>Gendan Desktop backups (*.sqlite3)</translation>
    </message>
    <message>
        <source>跟单桌面备份 (*.sqlite3);;所有文件 (*)</source>
        <translation>Gendan Desktop backups (*.sqlite3);;All files (*)</translation>
    </message>
    <message>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
</context>
<context>
    <name>columns</name>
    <message>
        <source>PI 号</source>
        <translation>PI no.</translation>
    </message>
    <message>
        <source>上报</source>
        <translation>Escalate</translation>
    </message>
    <message>
        <source>上报给</source>
        <translation>Escalated to</translation>
    </message>
    <message>
        <source>下单方式</source>
        <translation>Order channel</translation>
    </message>
    <message>
        <source>下单日期</source>
        <translation>Order date</translation>
    </message>
    <message>
        <source>下发</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>下发时间</source>
        <translation>Issued at</translation>
    </message>
    <message>
        <source>下次跟进</source>
        <translation>Next follow-up</translation>
    </message>
    <message>
        <source>严重程度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>交回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>交期</source>
        <translation>Delivery date</translation>
    </message>
    <message>
        <source>交期风险</source>
        <translation>Delivery risk</translation>
    </message>
    <message>
        <source>产品类别</source>
        <translation>Product category</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>今年</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>付款条件</source>
        <translation>Payment terms</translation>
    </message>
    <message>
        <source>价格有效期</source>
        <translation>Price valid until</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>供应商</source>
        <translation>Supplier</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>全部未完结</source>
        <translation>All open</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>出货</source>
        <translation>Shipments</translation>
    </message>
    <message>
        <source>出货单号</source>
        <translation>Shipment no.</translation>
    </message>
    <message>
        <source>出货日期</source>
        <translation>Shipment date</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>到料日期</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>到货</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>加工</source>
        <translation>Processing</translation>
    </message>
    <message>
        <source>包装</source>
        <translation>Packing</translation>
    </message>
    <message>
        <source>包装要求</source>
        <translation>Packing</translation>
    </message>
    <message>
        <source>单价</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>单据</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>单据编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>原来</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>取消原因</source>
        <translation>Cancellation reason</translation>
    </message>
    <message>
        <source>受影响数量</source>
        <translation>Quantity affected</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>品名</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>唛头</source>
        <translation>Shipping marks</translation>
    </message>
    <message>
        <source>国家</source>
        <translation>Country</translation>
    </message>
    <message>
        <source>在途</source>
        <translation>On order</translation>
    </message>
    <message>
        <source>处理方式</source>
        <translation>Disposition</translation>
    </message>
    <message>
        <source>处理结果</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>处理费用</source>
        <translation>Cost</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>完工</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>定金比例 %</source>
        <translation>Deposit %</translation>
    </message>
    <message>
        <source>审查备注</source>
        <translation>Review notes</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>客户名称</source>
        <translation>Client name</translation>
    </message>
    <message>
        <source>客户要求</source>
        <translation>Client requirements</translation>
    </message>
    <message>
        <source>客户订单号</source>
        <translation>Client PO no.</translation>
    </message>
    <message>
        <source>客诉</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>客诉内容</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>客诉单号</source>
        <translation>Complaint no.</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>尺码</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>工厂</source>
        <translation>Factory</translation>
    </message>
    <message>
        <source>已交回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>已交回份数</source>
        <translation>Copies returned</translation>
    </message>
    <message>
        <source>已出</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <source>已到</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>已到数量</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>已归档</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>已打印</source>
        <translation>Printed</translation>
    </message>
    <message>
        <source>已打印份数</source>
        <translation>Copies printed</translation>
    </message>
    <message>
        <source>已过期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>币种</source>
        <translation>Currency</translation>
    </message>
    <message>
        <source>库存</source>
        <translation>In stock</translation>
    </message>
    <message>
        <source>异常</source>
        <translation>Exceptions</translation>
    </message>
    <message>
        <source>异常情况</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>待交回份数</source>
        <translation>Copies out</translation>
    </message>
    <message>
        <source>总成本</source>
        <translation>Total cost</translation>
    </message>
    <message>
        <source>情况</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>折让金额</source>
        <translation>Credit</translation>
    </message>
    <message>
        <source>报价</source>
        <translation>Quotations</translation>
    </message>
    <message>
        <source>报价单号</source>
        <translation>Quotation no.</translation>
    </message>
    <message>
        <source>报关单号</source>
        <translation>Customs declaration no.</translation>
    </message>
    <message>
        <source>报告</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>提单号</source>
        <translation>B/L no.</translation>
    </message>
    <message>
        <source>提醒</source>
        <translation>Reminders</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>User</translation>
    </message>
    <message>
        <source>收回</source>
        <translation>Recall</translation>
    </message>
    <message>
        <source>收回原因</source>
        <translation>Recall reason</translation>
    </message>
    <message>
        <source>收回时间</source>
        <translation>Recalled at</translation>
    </message>
    <message>
        <source>收款</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>收款日期</source>
        <translation>Payment date</translation>
    </message>
    <message>
        <source>改为</source>
        <translation>After</translation>
    </message>
    <message>
        <source>改单</source>
        <translation>Revise</translation>
    </message>
    <message>
        <source>改单原因</source>
        <translation>Revision reason</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>最近跟进</source>
        <translation>Last follow-up</translation>
    </message>
    <message>
        <source>服装</source>
        <translation>Garment</translation>
    </message>
    <message>
        <source>未出</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>未来30天</source>
        <translation>Next 30 days</translation>
    </message>
    <message>
        <source>未来7天</source>
        <translation>Next 7 days</translation>
    </message>
    <message>
        <source>未结异常</source>
        <translation>Open exceptions</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>材料</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>柜号</source>
        <translation>Container no.</translation>
    </message>
    <message>
        <source>样品</source>
        <translation>Samples</translation>
    </message>
    <message>
        <source>款号</source>
        <translation>Style</translation>
    </message>
    <message>
        <source>款号/颜色/尺码</source>
        <translation>Style/colour/size</translation>
    </message>
    <message>
        <source>款项</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>水单号</source>
        <translation>Bank reference</translation>
    </message>
    <message>
        <source>流程卡</source>
        <translation>Flow cards</translation>
    </message>
    <message>
        <source>流程卡号</source>
        <translation>Flow card no.</translation>
    </message>
    <message>
        <source>潜在客户</source>
        <translation>Potential client</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>物料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <source>物料放行</source>
        <translation>Material release</translation>
    </message>
    <message>
        <source>物料放行原因</source>
        <translation>Material override reason</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>状态原因</source>
        <translation>Status reason</translation>
    </message>
    <message>
        <source>现实/潜在</source>
        <translation>Current/potential</translation>
    </message>
    <message>
        <source>现实客户</source>
        <translation>Current client</translation>
    </message>
    <message>
        <source>生产单</source>
        <translation>Production sheet</translation>
    </message>
    <message>
        <source>生产异常</source>
        <translation>Exceptions</translation>
    </message>
    <message>
        <source>目的港</source>
        <translation>Port of discharge</translation>
    </message>
    <message>
        <source>相似待核对</source>
        <translation>Look-alikes to review</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>缺口</source>
        <translation>Shortage</translation>
    </message>
    <message>
        <source>船名航次</source>
        <translation>Vessel/voyage</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Line</translation>
    </message>
    <message>
        <source>补单</source>
        <translation>Remake</translation>
    </message>
    <message>
        <source>规格</source>
        <translation>Specification</translation>
    </message>
    <message>
        <source>解决</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <source>订单</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>订单号</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <source>订单数</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>订单明细</source>
        <translation>Order lines</translation>
    </message>
    <message>
        <source>订单类型</source>
        <translation>Order type</translation>
    </message>
    <message>
        <source>订舱号</source>
        <translation>Booking no.</translation>
    </message>
    <message>
        <source>负责跟单员</source>
        <translation>Merchandiser</translation>
    </message>
    <message>
        <source>贸易条款</source>
        <translation>Trade terms</translation>
    </message>
    <message>
        <source>跟单员</source>
        <translation>Merchandiser</translation>
    </message>
    <message>
        <source>辅料</source>
        <translation>Accessories</translation>
    </message>
    <message>
        <source>过去30天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>运费</source>
        <translation>Freight</translation>
    </message>
    <message>
        <source>进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>采购</source>
        <translation>Purchases</translation>
    </message>
    <message>
        <source>采购数量</source>
        <translation>Quantity ordered</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>针织/纺织</source>
        <translation>Knit/textile</translation>
    </message>
    <message>
        <source>需求</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>颜色</source>
        <translation>Colour</translation>
    </message>
</context>
<context>
    <name>db_trouble</name>
    <message>
        <source>稍后</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>读取数据库出错</source>
        <translation>Database read failed</translation>
    </message>
    <message>
        <source>读取数据库时出错:%1

列表可能不完整或已过时。重新打开数据库会先检查文件;如果文件已损坏,可以从备份恢复。</source>
        <translation>Reading the database failed: %1

The lists may be incomplete or out of date. Reopening the database checks the file first; if it is damaged, you can restore a backup.</translation>
    </message>
    <message>
        <source>重新打开数据库</source>
        <translation>Reopen database</translation>
    </message>
</context>
<context>
    <name>excel_actions</name>
    <message>
        <source>正在生成对账单…</source>
        <translation>Writing statements…</translation>
    </message>
</context>
<context>
    <name>filters</name>
    <message>
        <source>PI 号</source>
        <translation>PI no.</translation>
    </message>
    <message>
        <source>上报</source>
        <translation>Escalate</translation>
    </message>
    <message>
        <source>上报给</source>
        <translation>Escalated to</translation>
    </message>
    <message>
        <source>下单方式</source>
        <translation>Order channel</translation>
    </message>
    <message>
        <source>下单日期</source>
        <translation>Order date</translation>
    </message>
    <message>
        <source>下发</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>下发时间</source>
        <translation>Issued at</translation>
    </message>
    <message>
        <source>下次跟进</source>
        <translation>Next follow-up</translation>
    </message>
    <message>
        <source>严重程度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>交回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>交期</source>
        <translation>Delivery date</translation>
    </message>
    <message>
        <source>交期风险</source>
        <translation>Delivery risk</translation>
    </message>
    <message>
        <source>产品类别</source>
        <translation>Product category</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>今年</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>付款条件</source>
        <translation>Payment terms</translation>
    </message>
    <message>
        <source>价格有效期</source>
        <translation>Price valid until</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>供应商</source>
        <translation>Supplier</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>全部未完结</source>
        <translation>All open</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>出货</source>
        <translation>Shipments</translation>
    </message>
    <message>
        <source>出货单号</source>
        <translation>Shipment no.</translation>
    </message>
    <message>
        <source>出货日期</source>
        <translation>Shipment date</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>到料日期</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>到货</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>加工</source>
        <translation>Processing</translation>
    </message>
    <message>
        <source>包装</source>
        <translation>Packing</translation>
    </message>
    <message>
        <source>包装要求</source>
        <translation>Packing</translation>
    </message>
    <message>
        <source>单价</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>单据</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>单据编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>原来</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>取消原因</source>
        <translation>Cancellation reason</translation>
    </message>
    <message>
        <source>受影响数量</source>
        <translation>Quantity affected</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>品名</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>唛头</source>
        <translation>Shipping marks</translation>
    </message>
    <message>
        <source>国家</source>
        <translation>Country</translation>
    </message>
    <message>
        <source>在途</source>
        <translation>On order</translation>
    </message>
    <message>
        <source>处理方式</source>
        <translation>Disposition</translation>
    </message>
    <message>
        <source>处理结果</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>处理费用</source>
        <translation>Cost</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>完工</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>定金比例 %</source>
        <translation>Deposit %</translation>
    </message>
    <message>
        <source>审查备注</source>
        <translation>Review notes</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>客户名称</source>
        <translation>Client name</translation>
    </message>
    <message>
        <source>客户要求</source>
        <translation>Client requirements</translation>
    </message>
    <message>
        <source>客户订单号</source>
        <translation>Client PO no.</translation>
    </message>
    <message>
        <source>客诉</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>客诉内容</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>客诉单号</source>
        <translation>Complaint no.</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>尺码</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>工厂</source>
        <translation>Factory</translation>
    </message>
    <message>
        <source>已交回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>已交回份数</source>
        <translation>Copies returned</translation>
    </message>
    <message>
        <source>已出</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <source>已到</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>已到数量</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>已归档</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>已打印</source>
        <translation>Printed</translation>
    </message>
    <message>
        <source>已打印份数</source>
        <translation>Copies printed</translation>
    </message>
    <message>
        <source>已过期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>币种</source>
        <translation>Currency</translation>
    </message>
    <message>
        <source>库存</source>
        <translation>In stock</translation>
    </message>
    <message>
        <source>异常</source>
        <translation>Exceptions</translation>
    </message>
    <message>
        <source>异常情况</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>待交回份数</source>
        <translation>Copies out</translation>
    </message>
    <message>
        <source>总成本</source>
        <translation>Total cost</translation>
    </message>
    <message>
        <source>情况</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>折让金额</source>
        <translation>Credit</translation>
    </message>
    <message>
        <source>报价</source>
        <translation>Quotations</translation>
    </message>
    <message>
        <source>报价单号</source>
        <translation>Quotation no.</translation>
    </message>
    <message>
        <source>报关单号</source>
        <translation>Customs declaration no.</translation>
    </message>
    <message>
        <source>报告</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>提单号</source>
        <translation>B/L no.</translation>
    </message>
    <message>
        <source>提醒</source>
        <translation>Reminders</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>User</translation>
    </message>
    <message>
        <source>收回</source>
        <translation>Recall</translation>
    </message>
    <message>
        <source>收回原因</source>
        <translation>Recall reason</translation>
    </message>
    <message>
        <source>收回时间</source>
        <translation>Recalled at</translation>
    </message>
    <message>
        <source>收款</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>收款日期</source>
        <translation>Payment date</translation>
    </message>
    <message>
        <source>改为</source>
        <translation>After</translation>
    </message>
    <message>
        <source>改单</source>
        <translation>Revise</translation>
    </message>
    <message>
        <source>改单原因</source>
        <translation>Revision reason</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>最近跟进</source>
        <translation>Last follow-up</translation>
    </message>
    <message>
        <source>服装</source>
        <translation>Garment</translation>
    </message>
    <message>
        <source>未出</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>未来30天</source>
        <translation>Next 30 days</translation>
    </message>
    <message>
        <source>未来7天</source>
        <translation>Next 7 days</translation>
    </message>
    <message>
        <source>未结异常</source>
        <translation>Open exceptions</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>材料</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>柜号</source>
        <translation>Container no.</translation>
    </message>
    <message>
        <source>样品</source>
        <translation>Samples</translation>
    </message>
    <message>
        <source>款号</source>
        <translation>Style</translation>
    </message>
    <message>
        <source>款号/颜色/尺码</source>
        <translation>Style/colour/size</translation>
    </message>
    <message>
        <source>款项</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>水单号</source>
        <translation>Bank reference</translation>
    </message>
    <message>
        <source>流程卡</source>
        <translation>Flow cards</translation>
    </message>
    <message>
        <source>流程卡号</source>
        <translation>Flow card no.</translation>
    </message>
    <message>
        <source>潜在客户</source>
        <translation>Potential client</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>物料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <source>物料放行</source>
        <translation>Material release</translation>
    </message>
    <message>
        <source>物料放行原因</source>
        <translation>Material override reason</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>状态原因</source>
        <translation>Status reason</translation>
    </message>
    <message>
        <source>现实/潜在</source>
        <translation>Current/potential</translation>
    </message>
    <message>
        <source>现实客户</source>
        <translation>Current client</translation>
    </message>
    <message>
        <source>生产单</source>
        <translation>Production sheet</translation>
    </message>
    <message>
        <source>生产异常</source>
        <translation>Exceptions</translation>
    </message>
    <message>
        <source>目的港</source>
        <translation>Port of discharge</translation>
    </message>
    <message>
        <source>相似待核对</source>
        <translation>Look-alikes to review</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>缺口</source>
        <translation>Shortage</translation>
    </message>
    <message>
        <source>船名航次</source>
        <translation>Vessel/voyage</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Line</translation>
    </message>
    <message>
        <source>补单</source>
        <translation>Remake</translation>
    </message>
    <message>
        <source>规格</source>
        <translation>Specification</translation>
    </message>
    <message>
        <source>解决</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <source>订单</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>订单号</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <source>订单数</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>订单明细</source>
        <translation>Order lines</translation>
    </message>
    <message>
        <source>订单类型</source>
        <translation>Order type</translation>
    </message>
    <message>
        <source>订舱号</source>
        <translation>Booking no.</translation>
    </message>
    <message>
        <source>负责跟单员</source>
        <translation>Merchandiser</translation>
    </message>
    <message>
        <source>贸易条款</source>
        <translation>Trade terms</translation>
    </message>
    <message>
        <source>跟单员</source>
        <translation>Merchandiser</translation>
    </message>
    <message>
        <source>辅料</source>
        <translation>Accessories</translation>
    </message>
    <message>
        <source>过去30天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>运费</source>
        <translation>Freight</translation>
    </message>
    <message>
        <source>进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>采购</source>
        <translation>Purchases</translation>
    </message>
    <message>
        <source>采购数量</source>
        <translation>Quantity ordered</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>针织/纺织</source>
        <translation>Knit/textile</translation>
    </message>
    <message>
        <source>需求</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>颜色</source>
        <translation>Colour</translation>
    </message>
</context>
<context>
    <name>forms</name>
    <message>
        <source>继续编辑</source>
        <translation>Keep editing</translation>
    </message>
    <message>
        <source>记录已被修改</source>
        <translation>The record was changed</translation>
    </message>
    <message>
        <source>请检查输入</source>
        <translation>Please check the input</translation>
    </message>
    <message>
        <source>重新载入</source>
        <translation>Reload</translation>
    </message>
</context>
<context>
    <name>kinds</name>
    <message>
        <source>出货</source>
        <translation>Shipments</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>客诉</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>报价单</source>
        <translation>Quotations</translation>
    </message>
    <message>
        <source>样品</source>
        <translation>Samples</translation>
    </message>
    <message>
        <source>流程卡</source>
        <translation>Flow cards</translation>
    </message>
    <message>
        <source>生产单</source>
        <translation>Production sheet</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>订单</source>
        <translation>Orders</translation>
    </message>
</context>
<context>
    <name>operations</name>
    <message>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>操作失败:%1</source>
        <translation>The operation failed: %1</translation>
    </message>
    <message>
        <source>无法完成</source>
        <translation>Could not finish</translation>
    </message>
    <message>
        <source>请稍候…</source>
        <translation>Please wait…</translation>
    </message>
    <message>
        <source>跟单桌面</source>
        <translation>Gendan Desktop</translation>
    </message>
</context>
<context>
    <name>tab_kit</name>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>未保存的修改</source>
        <translation>Unsaved changes</translation>
    </message>
</context>
<context>
    <name>tabs</name>
    <message>
        <source>“%1”尚未开放。</source>
        <translation>“%1” is not available yet.</translation>
    </message>
    <message>
        <source>售后</source>
        <translation>After-sales</translation>
    </message>
    <message>
        <source>客户档案</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>工作台</source>
        <translation>Workbench</translation>
    </message>
    <message>
        <source>生产跟踪</source>
        <translation>Production</translation>
    </message>
    <message>
        <source>订单</source>
        <translation>Orders</translation>
    </message>
</context>
</TS>
