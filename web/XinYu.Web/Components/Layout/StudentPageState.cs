namespace XinYu.Web.Components.Layout;

/// <summary>
/// What the students' layout needs to know of the page inside it, per circuit (a scoped service): whether a student is
/// in the middle of answering. Switching the language reloads the page (the culture is a cookie read when a circuit
/// starts), which would lose answers the page holds and must not keep anywhere else; so the switch is offered before
/// the questions and after submitting, not while answering.
/// </summary>
public sealed class StudentPageState
{
    private bool _answering;

    public bool Answering
    {
        get => _answering;
        set
        {
            if (_answering == value) return;
            _answering = value;
            Changed?.Invoke();
        }
    }

    public event Action? Changed;
}
