using XinYu.Screening.Domain;

namespace XinYu.Screening.Tests.Domain;

public sealed class AnswerCodeRulesTests
{
    private static readonly Campaign October = new() { WindowStart = new(2026, 10, 1), WindowEnd = new(2026, 10, 31) };

    [Fact]
    public void Codes_use_no_look_alike_symbols_and_have_the_length_asked_for()
    {
        foreach (var lookAlike in "0O1IL") Assert.DoesNotContain(lookAlike, AnswerCodeRules.Alphabet);
        var codes = Enumerable.Range(0, 200).Select(_ => AnswerCodeRules.NewCode(8)).ToList();
        Assert.All(codes, c => Assert.Matches("^[23456789ABCDEFGHJKMNPQRSTWXYZ]{8}$", c));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Theory]
    [InlineData("abcd-efgh", "ABCDEFGH")]
    [InlineData("ABCD EFGH", "ABCDEFGH")]
    [InlineData("abcdefgh", "ABCDEFGH")]
    [InlineData("ABCDEFG", null)]
    [InlineData("ABCDEFGO", null)]
    [InlineData("", null)]
    public void What_a_student_types_is_normalised_or_refused(string typed, string? expected)
    {
        Assert.Equal(expected, AnswerCodeRules.Normalise(typed, 8));
    }

    [Fact]
    public void The_hash_depends_on_the_key()
    {
        Assert.NotEqual(AnswerCodeRules.Hash("key-a", "ABCDEFGH"), AnswerCodeRules.Hash("key-b", "ABCDEFGH"));
        Assert.Equal(32, AnswerCodeRules.Hash("key-a", "ABCDEFGH").Length);
    }

    [Fact]
    public void An_unused_code_expires_after_the_window_and_answers_only_inside_it()
    {
        var code = new AnswerCode();
        Assert.True(AnswerCodeRules.Redeemable(code, October, new(2026, 10, 31)));
        Assert.Equal("expired", AnswerCodeRules.Status(code, October, new(2026, 11, 1), 20));
        Assert.False(AnswerCodeRules.Redeemable(code, October, new(2026, 11, 1)));
        Assert.False(AnswerCodeRules.Redeemable(code, October, new(2026, 9, 30)));
        Assert.Equal("used", AnswerCodeRules.Status(new AnswerCode { UsedAt = DateTimeOffset.UnixEpoch }, October, new(2026, 11, 1), 20));
        Assert.Equal("locked", AnswerCodeRules.Status(new AnswerCode { Attempts = 20 }, October, new(2026, 10, 2), 20));
    }

    [Fact]
    public void The_support_lines_default_to_the_national_line_and_a_bureau_may_have_its_own()
    {
        var bureau = Guid.NewGuid();
        var options = new SupportOptions();
        Assert.Equal("12356", Assert.Single(options.For(bureau)).Number);
        options.ByBureau[bureau.ToString()] = [new Hotline { Name = "市心理援助热线", Number = "96525" }];
        Assert.Equal("96525", Assert.Single(options.For(bureau)).Number);
        Assert.Equal("12356", Assert.Single(options.For(Guid.NewGuid())).Number);
    }
}
