using System.Text;

namespace XinYu.Demo;

/// <summary>The demo school's classes and students: made-up names, 学籍号 and phone numbers, the same on every run.</summary>
public static class DemoRoster
{
    public const string SchoolName = "心育示范中学";
    public const string SchoolCode = "XYDEMO01";
    public const string CounsellorName = "王芳";
    public const string HeadTeacherName = "李明";
    public const string CampaignName = "秋季心理健康筛查（示范）";

    public static readonly string[] Classes = ["七(1)班", "七(2)班"];

    private static readonly string[] Students =
    [
        "林晓雨", "陈思远", "张子涵", "刘一诺", "杨梓萱", "赵宇航", "黄欣怡", "周俊熙",
        "吴雨桐", "徐浩然", "孙语嫣", "马天佑", "朱诗琪", "胡博文", "郭佳怡", "何明轩",
    ];

    /// <summary>The roster as a school exports it (Records' import columns), eight students in each class.</summary>
    public static string Csv()
    {
        var csv = new StringBuilder("姓名,学籍号,性别,出生日期,班级,监护人,监护人关系,监护人电话\r\n");
        for (var i = 0; i < Students.Length; i++)
        {
            var name = Students[i];
            csv.Append($"{name},XYDEMO{i + 1:D8},{(i % 2 == 0 ? "女" : "男")},2013-{i % 12 + 1:D2}-{i + 10:D2},{Classes[i / 8]},")
               .Append($"{name[0]}家长,母亲,1380000{i + 1:D4}\r\n");
        }
        return csv.ToString();
    }

    public static int StudentCount => Students.Length;
}
