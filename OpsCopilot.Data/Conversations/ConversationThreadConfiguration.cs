using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsCopilot.Data.Conversations;

internal sealed class ConversationThreadConfiguration : IEntityTypeConfiguration<ConversationThread>
{
    public void Configure(EntityTypeBuilder<ConversationThread> builder)
    {
        builder.ToTable("threads", "ops");
        builder.Property(t => t.State).HasColumnType("jsonb");
        builder.HasOne<Pairing.WhatsAppIdentity>().WithMany().HasForeignKey(t => t.IdentityId);
    }
}
