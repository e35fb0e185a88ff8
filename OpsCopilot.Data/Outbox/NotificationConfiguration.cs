using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsCopilot.Data.Outbox;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications", "ops");
        builder.Property(n => n.TemplateParams).HasColumnType("jsonb");
        builder.HasOne<Drafts.Draft>().WithMany().HasForeignKey(n => n.DraftId);
        builder.HasOne<Drivers.Driver>().WithMany().HasForeignKey(n => n.DriverId).OnDelete(DeleteBehavior.SetNull);
    }
}
