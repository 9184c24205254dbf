namespace XinYu.Screening.Domain;

/// <summary>
/// The instruments XinYu ships, free to use without permission (Pfizer's grant): PHQ-9 and GAD-7, scored as published
/// (Kroenke et al. 2001; Spitzer et al. 2006), with the usual Chinese wording. Levels: the published bands placed on
/// the default risk levels (none, attention, high); the crisis level comes from the critical item, not the total.
/// Licensed scales (SDQ, SCL-90-R, MHT, C-SSRS) must not ship here; a bureau adds them through the API.
/// </summary>
public static class BuiltInInstruments
{
    private static readonly AnswerScale FourPointFrequency = new(0, 3,
    [
        new(0, "完全不会", "Not at all"),
        new(1, "好几天", "Several days"),
        new(2, "一半以上的天数", "More than half the days"),
        new(3, "几乎每天", "Nearly every day"),
    ]);

    public static readonly InstrumentDefinition Phq9 = new("phq-9", 1,
        "患者健康问卷抑郁量表（PHQ-9）", "Patient Health Questionnaire (PHQ-9)",
        FourPointFrequency,
        [
            new("item-1", "做事时提不起劲或没有兴趣", "Little interest or pleasure in doing things"),
            new("item-2", "感到心情低落、沮丧或绝望", "Feeling down, depressed, or hopeless"),
            new("item-3", "入睡困难、睡不安稳或睡眠过多", "Trouble falling or staying asleep, or sleeping too much"),
            new("item-4", "感觉疲倦或没有活力", "Feeling tired or having little energy"),
            new("item-5", "食欲不振或吃太多", "Poor appetite or overeating"),
            new("item-6", "觉得自己很糟，或觉得自己很失败，或让自己或家人失望",
                "Feeling bad about yourself — or that you are a failure or have let yourself or your family down"),
            new("item-7", "对事物专注有困难，例如阅读报纸或看电视时",
                "Trouble concentrating on things, such as reading the newspaper or watching television"),
            new("item-8", "动作或说话速度缓慢到别人已经觉察？或正好相反——烦躁或坐立不安、动来动去的情况更胜于平常",
                "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual"),
            new("item-9", "有不如死掉或用某种方式伤害自己的念头",
                "Thoughts that you would be better off dead or of hurting yourself in some way"),
        ],
        [
            new("minimal", 0, 4, "none"),
            new("mild", 5, 9, "attention"),
            new("moderate", 10, 14, "attention"),
            new("moderately-severe", 15, 19, "high"),
            new("severe", 20, 27, "high"),
        ],
        [new("item-9", 0)]);

    public static readonly InstrumentDefinition Gad7 = new("gad-7", 1,
        "广泛性焦虑量表（GAD-7）", "Generalized Anxiety Disorder scale (GAD-7)",
        FourPointFrequency,
        [
            new("item-1", "感觉紧张、焦虑或急切", "Feeling nervous, anxious, or on edge"),
            new("item-2", "不能够停止或控制担忧", "Not being able to stop or control worrying"),
            new("item-3", "对各种各样的事情担忧过多", "Worrying too much about different things"),
            new("item-4", "很难放松下来", "Trouble relaxing"),
            new("item-5", "由于不安而无法静坐", "Being so restless that it is hard to sit still"),
            new("item-6", "变得容易烦恼或急躁", "Becoming easily annoyed or irritable"),
            new("item-7", "感到似乎将有可怕的事情发生而害怕", "Feeling afraid, as if something awful might happen"),
        ],
        [
            new("minimal", 0, 4, "none"),
            new("mild", 5, 9, "attention"),
            new("moderate", 10, 14, "attention"),
            new("severe", 15, 21, "high"),
        ],
        []);

    public static readonly IReadOnlyList<InstrumentDefinition> All = [Phq9, Gad7];
}
