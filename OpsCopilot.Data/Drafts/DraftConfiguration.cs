using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsCopilot.Data.Drafts;

internal sealed class DraftConfiguration : IEntityTypeConfiguration<Draft>
{
    public void Configure(EntityTypeBuilder<Draft> builder)
    {
        builder.ToTable("drafts", "ops");
        builder.Property(d => d.Payload).HasColumnType("jsonb");
        builder.Property(d => d.CommitResult).HasColumnType("jsonb");
        builder.HasOne<Conversations.ConversationThread>().WithMany().HasForeignKey(d => d.ThreadId);
    }
}
