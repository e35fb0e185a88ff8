using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsCopilot.Data.Broadcasts;

internal sealed class BroadcastTemplateConfiguration : IEntityTypeConfiguration<BroadcastTemplate>
{
    public void Configure(EntityTypeBuilder<BroadcastTemplate> builder) => builder.ToTable("broadcast_templates", "ops");
}
