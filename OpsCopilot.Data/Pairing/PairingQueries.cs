using Microsoft.EntityFrameworkCore;
using OpsCopilot.Data.Security;

namespace OpsCopilot.Data.Pairing;

/// <summary>A paired phone as the console lists it: the number masked, with the person it acts for.</summary>
public sealed record PairedPhoneRow(Guid Id, Guid UserId, string UserEmail, string? UserName, string NumberMasked, string Status,
    DateTimeOffset PairedAt, DateTimeOffset? LastSeenAt)
{
    /// <summary>Who the phone acts for, as lists name people: the display name, else the email.</summary>
    public string PersonName => string.IsNullOrWhiteSpace(UserName) ? UserEmail : UserName;
}

/// <summary>A pairing code as the console lists it (never the code: only its state, for whom, and the phone it paired).</summary>
/// <param name="Status">What the invite is worth now (<see cref="InviteState.Effective"/>): a pending one past its time is EXPIRED.</param>
/// <param name="PairedNumberMasked">The phone that used the code, masked; null until it is used.</param>
public sealed record InviteRow(Guid Id, Guid UserId, string UserEmail, string? UserName, string Status, DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt, int Attempts, DateTimeOffset? UsedAt, string? PairedNumberMasked)
{
    public string PersonName => string.IsNullOrWhiteSpace(UserName) ? UserEmail : UserName;

    public bool CanRevoke => Status == InviteStatus.Pending;
}

/// <summary>
/// The console's lists of pairing codes and paired phones, one page at a time, for the scope's tenant (RLS). Numbers
/// leave this class masked only.
/// </summary>
public sealed class PairingQueries(OpsDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Paired phones, newest first. <paramref name="search"/> finds a phone by its full number in any international
    /// form (+43 664 1234567, 0043…), or a person by a part of their email or name. Parts of a number find nothing:
    /// the list shows numbers masked, and a search by digits would let anyone read the hidden ones a digit at a time.
    /// </summary>
    public async Task<Page<PairedPhoneRow>> PhonesAsync(string? search, string? status, int page, int pageSize, CancellationToken cancellationToken)
    {
        (page, pageSize) = Paging.Normalize(page, pageSize);
        var rows =
            from identity in db.Identities.AsNoTracking()
            join user in db.Users on identity.UserId equals user.Id
            select new { identity, Email = user.Email ?? "", user.DisplayName };
        if (status is { Length: > 0 }) rows = rows.Where(r => r.identity.Status == status);
        var text = search?.Trim() ?? "";
        if (PhoneNumbers.TryNormalize(text, out var number))
        {
            // The unique index of active numbers and the tenant index keep this an index lookup.
            rows = rows.Where(r => r.identity.WaUserId == number);
        }
        else if (text.Length > 0)
        {
            var pattern = LikePatterns.Containing(text);
            rows = rows.Where(r => EF.Functions.ILike(r.Email, pattern, LikePatterns.Escape)
                                   || (r.DisplayName != null && EF.Functions.ILike(r.DisplayName, pattern, LikePatterns.Escape)));
        }
        var total = await rows.CountAsync(cancellationToken);
        var items = await rows.OrderByDescending(r => r.identity.PairedAt).ThenBy(r => r.identity.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<PairedPhoneRow>(items.Select(r => new PairedPhoneRow(r.identity.Id, r.identity.UserId, r.Email, r.DisplayName,
            PhoneNumbers.Mask(r.identity.WaUserId), r.identity.Status, r.identity.PairedAt, r.identity.LastSeenAt)).ToList(), total, page, pageSize);
    }

    /// <summary>Pairing codes, newest first.</summary>
    public async Task<Page<InviteRow>> InvitesAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        (page, pageSize) = Paging.Normalize(page, pageSize);
        var invites = db.PairingInvites.AsNoTracking();
        var total = await invites.CountAsync(cancellationToken);
        var rows = await (
            from invite in invites
            join user in db.Users on invite.UserId equals user.Id into users
            from user in users.DefaultIfEmpty()
            orderby invite.CreatedAt descending, invite.Id
            select new { invite, Email = user == null ? null : user.Email, DisplayName = user == null ? null : user.DisplayName })
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<InviteRow>(rows.Select(r => Row(r.invite, r.Email, r.DisplayName)).ToList(), total, page, pageSize);
    }

    /// <summary>One code's state (the card of a code just shown follows it); null when it is gone.</summary>
    public async Task<InviteRow?> InviteAsync(Guid inviteId, CancellationToken cancellationToken)
    {
        var row = await (
            from invite in db.PairingInvites.AsNoTracking()
            where invite.Id == inviteId
            join user in db.Users on invite.UserId equals user.Id into users
            from user in users.DefaultIfEmpty()
            select new { invite, Email = user == null ? null : user.Email, DisplayName = user == null ? null : user.DisplayName })
            .SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : Row(row.invite, row.Email, row.DisplayName);
    }

    // The claim stores the number that used a code masked already (ops.mask_phone, migration 0012): shown as stored.
    private InviteRow Row(PairingInvite invite, string? email, string? displayName) =>
        new(invite.Id, invite.UserId, email ?? "(removed user)", displayName, InviteState.Effective(invite, clock.GetUtcNow()), invite.CreatedAt,
            invite.ExpiresAt, invite.Attempts, invite.UsedAt, invite.UsedByWaUserId);
}
