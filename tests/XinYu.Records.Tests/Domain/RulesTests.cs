using System.Security.Cryptography;
using System.Text;
using XinYu.Records.Domain;
using XinYu.Records.Exchange;
using XinYu.Records.Import;
using XinYu.ServiceDefaults.Auth;

namespace XinYu.Records.Tests.Domain;

/// <summary>Pure rules: roster rows, header names, sections per role, package sealing.</summary>
[Trait("Category", "Unit")]
public sealed class RulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly RosterClass[] Classes = [new(Guid.NewGuid(), "七(1)班", 7)];

    private static RosterRow Row(params (string Column, string Value)[] cells)
    {
        var all = new Dictionary<string, string>
        {
            [RosterColumns.Name] = "张三", [RosterColumns.Gender] = "男", [RosterColumns.BirthDate] = "2013-09-01", [RosterColumns.Class] = "七(1)班",
        };
        foreach (var (column, value) in cells) all[column] = value;
        return new RosterRow(7, all);
    }

    [Theory]
    [InlineData(RosterColumns.Gender, "未知")]
    [InlineData(RosterColumns.BirthDate, "2030-01-01")]
    [InlineData(RosterColumns.BirthDate, "1901-01-01")]
    [InlineData(RosterColumns.BirthDate, "yesterday")]
    [InlineData(RosterColumns.Class, "八(1)班")]
    [InlineData(RosterColumns.NationalNumber, "G12-34")]
    [InlineData(RosterColumns.Name, "<script>")]
    [InlineData(RosterColumns.Grade, "8")]
    public void A_bad_cell_is_refused_naming_its_column_and_row(string column, string value)
    {
        var (student, rejections) = RosterRules.Check(Row((column, value)), Classes, Today, spreadsheetSerials: false);
        Assert.Null(student);
        Assert.Equal((7, column), (Assert.Single(rejections).Row, rejections[0].Field));
    }

    [Theory]
    [InlineData("13812345678", true)]
    [InlineData("+8613812345678", true)]
    [InlineData("010-12345678", true)]
    [InlineData("12345678901", false)]
    [InlineData("1381234567", false)]
    public void Phones_are_mainland_mobiles_or_landlines(string phone, bool valid) => Assert.Equal(valid, RosterRules.IsValidPhone(phone));

    [Fact]
    public void A_guardian_phone_without_a_name_and_a_bad_relation_are_each_refused()
    {
        var (_, rejections) = RosterRules.Check(Row((RosterColumns.Phone, "13812345678"), (RosterColumns.Relation, "邻居")), Classes, Today, false);
        Assert.Equal([RosterColumns.Guardian, RosterColumns.Relation], rejections.Select(r => r.Field).Order());
    }

    [Fact]
    public void A_good_row_resolves_the_class_by_name_and_normalises_its_values()
    {
        var (student, rejections) = RosterRules.Check(Row((RosterColumns.NationalNumber, "g1234567"), (RosterColumns.Guardian, "李四"),
            (RosterColumns.Relation, "母亲"), (RosterColumns.Phone, "138 1234 5678"), (RosterColumns.BirthDate, "2013年9月1日")), Classes, Today, false);
        Assert.Empty(rejections);
        Assert.Equal(("G1234567", "male", Classes[0].Id, 7, "mother", "13812345678", new DateOnly(2013, 9, 1)),
            (student!.NationalNumber, student.Gender, student.ClassId, student.Grade, student.GuardianRelation, student.GuardianPhone, student.BirthDate));
    }

    [Fact]
    public void Repeated_national_numbers_refuse_every_repeat_after_the_first()
    {
        RosterStudent S(int row, string? number) => new(row, "x", number, "male", Today, Guid.Empty, 7, null, null, null);
        var refused = RosterRules.Duplicates([S(2, "A123456"), S(3, "A123456"), S(4, null), S(5, null), S(6, "A123456")]);
        Assert.Equal([3, 6], refused.Select(r => r.Row));
    }

    [Fact]
    public void Chinese_and_English_headers_map_to_the_same_columns_and_missing_required_ones_are_named()
    {
        Assert.Equal(RosterColumns.MapHeader(["姓名", "学籍号", "性别", "出生日期", "班级", "监护人电话"]),
            RosterColumns.MapHeader(["Name", "National Student Number", "gender", "Birth_Date", "class", "Guardian Phone"]));
        Assert.Null(RosterColumns.MapHeader(["姓名", "性别", "出生日期", "班级", "备注"])[4]);
        var missing = Assert.Throws<RosterFormatException>(() => RosterColumns.MapHeader(["姓名", "性别"]));
        Assert.Contains("出生日期", missing.Message);
        Assert.Contains("班级", missing.Message);
    }

    private static CallerScope Caller(params string[] roles) =>
        new("s", roles.ToHashSet(), Guid.NewGuid(), Guid.NewGuid(), new HashSet<Guid>(), null, new HashSet<string>());

    [Fact]
    public void Sections_per_role_follow_the_access_matrix()
    {
        Assert.Equal(Sections.All.ToHashSet(), FileRules.SectionsFor(Caller(XinYuRoles.Counsellor)));
        var headTeacher = FileRules.SectionsFor(Caller(XinYuRoles.HeadTeacher));
        Assert.Contains(Sections.Warnings, headTeacher);
        Assert.Contains(Sections.HomeLiaison, headTeacher);
        Assert.DoesNotContain(Sections.CounsellingNotes, headTeacher);
        Assert.DoesNotContain(Sections.FamilySituation, headTeacher);
        Assert.DoesNotContain(Sections.Counselling, headTeacher);
        Assert.Equal([Sections.Basic, Sections.HandOvers], FileRules.SectionsFor(Caller(XinYuRoles.SchoolAdmin)).Order());
        Assert.False(FileRules.SeesNames(Caller(XinYuRoles.BureauOfficer)));
        Assert.Empty(FileRules.SectionsFor(Caller(XinYuRoles.Mentor)));
        Assert.Empty(FileRules.SectionsFor(Caller(XinYuRoles.Partner)));
    }

    [Fact]
    public void A_head_teacher_reaches_only_students_of_their_classes_and_nobody_an_archived_file()
    {
        var bureau = Guid.NewGuid();
        var school = Guid.NewGuid();
        var myClass = Guid.NewGuid();
        var teacher = new CallerScope("t", new HashSet<string> { XinYuRoles.HeadTeacher }, bureau, school, new HashSet<Guid> { myClass }, null, new HashSet<string>());
        var student = new Student { BureauId = bureau, SchoolId = school, ClassId = myClass };
        Assert.True(FileRules.Reaches(teacher, student));
        Assert.False(FileRules.Reaches(teacher, new Student { BureauId = bureau, SchoolId = school, ClassId = Guid.NewGuid() }));
        Assert.False(FileRules.Reaches(teacher, new Student { BureauId = bureau, SchoolId = school, ClassId = myClass, Status = StudentStatus.Archived }));
    }

    [Fact]
    public void A_sealed_package_opens_with_the_right_keys_and_any_change_is_detected()
    {
        using var senderSigning = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var recipientAgreement = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var payload = Encoding.UTF8.GetBytes("""{"name":"测试"}""");
        var package = PackageSealer.Seal(payload, Guid.NewGuid(), Guid.NewGuid(), senderSigning, recipientAgreement, DateTimeOffset.UtcNow);

        Assert.Equal(payload, PackageSealer.Open(package, senderSigning, recipientAgreement));
        Assert.DoesNotContain("测试", package.Ciphertext);

        var tampered = Convert.FromBase64String(package.Ciphertext!);
        tampered[0] ^= 1;
        Assert.Equal("package.signature", Assert.Throws<PackageRejectedException>(() =>
            PackageSealer.Open(package with { Ciphertext = Convert.ToBase64String(tampered) }, senderSigning, recipientAgreement)).Field);
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Throws<PackageRejectedException>(() => PackageSealer.Open(package, stranger, recipientAgreement));
        using var wrongRecipient = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        Assert.Equal("package", Assert.Throws<PackageRejectedException>(() => PackageSealer.Open(package, senderSigning, wrongRecipient)).Field);
    }
}
