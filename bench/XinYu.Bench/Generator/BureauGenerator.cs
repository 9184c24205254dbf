namespace XinYu.Bench.Generator;

/// <summary>
/// A realistic bureau from a seed: a mix of primary, junior, senior and nine-year schools, urban and rural, classes of
/// 40–50 by grade, students with Chinese names, national student numbers (学籍号) and a guardian each, and staff with
/// the directory's roles (about one teacher per 15 students, so the mentor grid is 1:15). Deterministic: the same
/// seed and sizes give the same bureau.
/// </summary>
public static class BureauGenerator
{
    private static readonly string[] Surnames =
        ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"];
    private static readonly string[] GivenParts =
        ["子", "涵", "浩", "宇", "欣", "怡", "梓", "轩", "雨", "泽", "晨", "思", "佳", "一", "诺", "博", "文", "嘉", "俊", "悦", "心", "安", "明", "睿", "琪", "航", "彤", "铭", "可", "馨"];
    private static readonly string[] Districts = ["城东", "城西", "城南", "城北", "新区", "高新", "江滨", "湖畔", "山前", "东湖"];

    /// <param name="schools">How many schools (a city: about 200).</param>
    /// <param name="studentsPerSchool">Average students per school (a city: about 1,500, so 300,000 in all).</param>
    public static BureauPlan Generate(int seed, int schools, int studentsPerSchool)
    {
        var random = new Random(seed);
        var list = new List<PlannedSchool>(schools);
        var studentSerial = 0L;
        for (var i = 0; i < schools; i++)
        {
            // Roughly the mix of a Chinese district: half primary, a quarter junior, the rest senior and nine-year.
            var level = (i % 8) switch { 0 or 1 or 2 or 3 => "primary", 4 or 5 => "junior", 6 => "senior", _ => "nine-year" };
            var grades = level switch { "primary" => Range(1, 6), "junior" => Range(7, 9), "senior" => Range(10, 12), _ => Range(1, 9) };
            var urban = random.NextDouble() < 0.6;
            var target = (int)(studentsPerSchool * (0.7 + random.NextDouble() * 0.6));
            var classesPerGrade = Math.Max(1, target / grades.Length / 45);
            var classes = new List<PlannedClass>();
            foreach (var grade in grades)
            {
                for (var c = 1; c <= classesPerGrade; c++)
                {
                    var size = 40 + random.Next(11);
                    var entryYear = 2026 - (grade - (grade >= 10 ? 10 : grade >= 7 ? 7 : 1));
                    var students = Enumerable.Range(0, size).Select(_ => Student(random, grade, ++studentSerial)).ToList();
                    classes.Add(new PlannedClass(grade, $"{Chinese(grade)}年级({c})班", entryYear, students));
                }
            }
            var studentCount = classes.Sum(c => c.Students.Count);
            var staff = Staff(random, level, studentCount, classes.Count);
            var district = Districts[i % Districts.Length];
            var kind = level switch { "primary" => "小学", "junior" => "初级中学", "senior" => "高级中学", _ => "九年一贯制学校" };
            list.Add(new PlannedSchool(i, $"33{seed % 100:D2}{i:D6}", $"{district}第{i + 1}{kind}", level, urban, random.NextDouble() < 0.2,
                LegalEntity: random.NextDouble() < 0.9, classes, staff));
        }
        return new BureauPlan(seed, list);
    }

    private static int[] Range(int from, int to) => Enumerable.Range(from, to - from + 1).ToArray();

    private static string Chinese(int grade) => grade switch
    {
        1 => "一", 2 => "二", 3 => "三", 4 => "四", 5 => "五", 6 => "六", 7 => "七", 8 => "八", 9 => "九", 10 => "高一", 11 => "高二", _ => "高三",
    };

    private static string Name(Random random) =>
        Surnames[random.Next(Surnames.Length)] + GivenParts[random.Next(GivenParts.Length)] + (random.NextDouble() < 0.7 ? GivenParts[random.Next(GivenParts.Length)] : "");

    private static PlannedStudent Student(Random random, int grade, long serial)
    {
        var birthYear = 2026 - 6 - grade + (random.NextDouble() < 0.1 ? 1 : 0);
        var birth = new DateOnly(birthYear, 1 + random.Next(12), 1 + random.Next(28));
        var gender = random.NextDouble() < 0.5 ? "男" : "女";
        // 学籍号: "G" and 18 characters shaped like a national id; the 7-digit serial keeps it unique within the
        // generated bureau up to ten million students (5 digits repeated numbers in a city of 279,184).
        var number = $"G33{birth:yyyyMMdd}{serial:D7}{random.Next(10)}";
        var surname = Surnames[random.Next(Surnames.Length)];
        var student = surname + GivenParts[random.Next(GivenParts.Length)] + GivenParts[random.Next(GivenParts.Length)];
        var guardianIsFather = random.NextDouble() < 0.5;
        var guardian = guardianIsFather ? surname + GivenParts[random.Next(GivenParts.Length)] + "平" : Name(random);
        var phone = "1" + "3456789"[random.Next(7)] + random.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new PlannedStudent(student, gender, birth, number, guardian, guardianIsFather ? "父亲" : "母亲", phone);
    }

    /// <summary>About one teacher per 15 students; every class a head teacher; psych teachers by the staffing standard.</summary>
    private static List<PlannedStaff> Staff(Random random, string level, int students, int classes)
    {
        var staff = new List<PlannedStaff>();
        var psych = level == "senior" ? 2 : 1;
        for (var p = 0; p < psych; p++) staff.Add(new PlannedStaff(Name(random), random.NextDouble() < 0.85 ? ["full-time-psych"] : ["part-time-psych", "subject-teacher"]));
        for (var c = 0; c < classes; c++) staff.Add(new PlannedStaff(Name(random), ["head-teacher", "subject-teacher"]));
        var teachers = Math.Max(classes + psych + 1, students / 15);
        while (staff.Count < teachers - 1)
        {
            var roll = random.NextDouble();
            staff.Add(new PlannedStaff(Name(random), roll < 0.1 ? ["key-teacher", "subject-teacher"] : roll < 0.15 ? ["new-hire"] : ["subject-teacher"]));
        }
        staff.Add(new PlannedStaff(Name(random), ["principal"]));
        return staff;
    }
}
