using XinYu.ServiceDefaults.Http;

namespace XinYu.Platform.Tests.Http;

/// <summary>The one text check every service uses (issue #16, point 1): pure rules, no servers.</summary>
public sealed class RequestValidationTests
{
    private static RequestRejectedException Refused(Action check) => Assert.Throws<RequestRejectedException>(check);

    [Fact]
    public void Text_is_trimmed() =>
        Assert.Equal(("王 老师", "第一行\n第二行"),
            (RequestValidation.SingleLine("  王 老师 ", "name", 10), RequestValidation.MultiLine("\n 第一行\n第二行\t ", "notes", 10)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t\n ")]
    public void A_missing_required_text_names_the_field_with_the_hint(string? value)
    {
        var single = Refused(() => RequestValidation.SingleLine(value, "title", 10, "Give the title."));
        var multi = Refused(() => RequestValidation.MultiLine(value, "notes", 10));
        Assert.Equal(("title", "Give the title.", 400), (single.Field, single.Message, single.Status));
        Assert.Equal(("notes", "Required."), (multi.Field, multi.Message));
    }

    [Fact]
    public void A_missing_optional_text_is_null() =>
        Assert.Equal((null, null, null), (RequestValidation.OptionalSingleLine(null, "place", 5),
            RequestValidation.OptionalSingleLine("  ", "place", 5), RequestValidation.OptionalMultiLine("\n", "note", 5)));

    [Fact]
    public void The_length_counts_after_trimming_and_is_a_maximum()
    {
        Assert.Equal("12345", RequestValidation.SingleLine(" 12345 ", "code", 5));
        Assert.Equal("code", Refused(() => RequestValidation.SingleLine("123456", "code", 5)).Field);
        Assert.Equal("note", Refused(() => RequestValidation.OptionalMultiLine("123456", "note", 5)).Field);
        Assert.Equal("At most 5 characters.", Refused(() => RequestValidation.MultiLine("123456", "notes", 5)).Message);
    }

    [Theory]
    [InlineData("a\nb")]
    [InlineData("a\rb")]
    [InlineData("a\tb")]
    [InlineData("a\u0000b")]
    [InlineData("a\u0007b")]
    [InlineData("a\u001bb")]
    [InlineData("a\u0085b")]
    public void One_line_of_text_has_no_control_character_at_all(string value)
    {
        Assert.Equal("name", Refused(() => RequestValidation.SingleLine(value, "name", 50)).Field);
        Assert.Equal("place", Refused(() => RequestValidation.OptionalSingleLine(value, "place", 50)).Field);
    }

    [Theory]
    [InlineData("a\nb")]
    [InlineData("a\r\nb")]
    [InlineData("a\tb")]
    public void Several_lines_keep_line_breaks_and_tabs(string value) =>
        Assert.Equal((value, value), (RequestValidation.MultiLine(value, "notes", 50), RequestValidation.OptionalMultiLine(value, "notes", 50)));

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("a\u0007b")]
    [InlineData("a\u001bb")]
    [InlineData("a\u007fb")]
    [InlineData("a\u0085b")]
    public void Several_lines_refuse_other_control_characters(string value)
    {
        Assert.Equal("notes", Refused(() => RequestValidation.MultiLine(value, "notes", 50)).Field);
        Assert.Equal("note", Refused(() => RequestValidation.OptionalMultiLine(value, "note", 50)).Field);
    }
}
