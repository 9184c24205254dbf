using XinYu.Web.Live;

namespace XinYu.Web.Tests;

[Trait("Category", "Unit")]
public sealed class SchoolBoardTests
{
    [Fact]
    public async Task A_change_tells_the_open_pages_of_that_school_only_and_not_a_closed_one()
    {
        var board = new SchoolBoard();
        var (school, other) = (Guid.NewGuid(), Guid.NewGuid());
        var told = new List<string>();
        using var open = board.Watch(school, () => { told.Add("open"); return Task.CompletedTask; });
        using var elsewhere = board.Watch(other, () => { told.Add("elsewhere"); return Task.CompletedTask; });
        var closed = board.Watch(school, () => { told.Add("closed"); return Task.CompletedTask; });
        closed.Dispose();

        await board.ChangedAsync(school);

        Assert.Equal(["open"], told);
    }

    [Fact]
    public async Task A_page_whose_circuit_has_gone_does_not_stop_the_others_being_told()
    {
        var board = new SchoolBoard();
        var school = Guid.NewGuid();
        var told = 0;
        using var gone = board.Watch(school, () => throw new ObjectDisposedException("circuit"));
        using var open = board.Watch(school, () => { told++; return Task.CompletedTask; });

        await board.ChangedAsync(school);

        Assert.Equal(1, told);
    }
}
