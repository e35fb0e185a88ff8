using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsCopilot.Data.Audit;

internal sealed class OpsEventConfiguration : IEntityTypeConfiguration<OpsEvent>
{
    public void Configure(EntityTypeBuilder<OpsEvent> builder)
    {
        builder.ToTable("events", "ops");
        builder.Property(e => e.Payload).HasColumnType("jsonb");
        builder.HasOne<Conversations.ConversationThread>().WithMany().HasForeignKey(e => e.ThreadId);
    }
}
