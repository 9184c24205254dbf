using XinYu.Client.Staff;

namespace XinYu.Web.Components.Pages.Records;

/// <summary>
/// Moving an appointment to another slot. Records has no move: the new slot is booked first (the same clash rule as any
/// booking: a slot already held is refused and the old appointment stays as it was), then the old one is cancelled.
/// Not one transaction: if the cancel fails after the booking, the student holds both until the counsellor cancels
/// the old one (the page shows both, and the failure) — nothing is lost, which is the order's point.
/// </summary>
public static class AppointmentMove
{
    public static async Task<Appointment> MoveAsync(IRecordsStaffApi records, Guid schoolId, Appointment old, Guid? toSlot)
    {
        var moved = await records.BookAsync(schoolId, new NewAppointment(toSlot, old.StudentId, old.RequestedFor));
        // A confirmed appointment stays confirmed in its new slot.
        if (old.Status == "confirmed") moved = await records.ConfirmAsync(schoolId, moved.Id);
        await records.CancelAsync(schoolId, old.Id);
        return moved;
    }
}
