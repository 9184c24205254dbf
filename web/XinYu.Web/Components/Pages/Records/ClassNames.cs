using Microsoft.Extensions.Localization;
using XinYu.Client.Staff;
using XinYu.Web.Resources;

namespace XinYu.Web.Components.Pages.Records;

/// <summary>A class as people name it: the school's own label (七(3)班) when it gave one, else its grade.</summary>
public static class ClassNames
{
    public static string Label(SchoolClass? schoolClass, IStringLocalizer<UiText> text) => schoolClass switch
    {
        null => "",
        { Name: { Length: > 0 } name } => name,
        _ => text["GradeOnly", schoolClass.Grade],
    };
}
