using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Education.Domain;

namespace Platform.Education.Data;

internal sealed class FollowedHouseholdConfiguration : IEntityTypeConfiguration<FollowedHousehold>
{
    public void Configure(EntityTypeBuilder<FollowedHousehold> household)
    {
        household.ToTable("households");
        household.Property(h => h.Id).ValueGeneratedNever();
        household.Property(h => h.HouseholdNumber).HasMaxLength(30);
        household.Property(h => h.VillageCode).HasMaxLength(12);
        household.Property(h => h.TownshipCode).HasMaxLength(9);
    }
}

internal sealed class StudentConfiguration : IEntityTypeConfiguration<Student>
{
    public void Configure(EntityTypeBuilder<Student> student)
    {
        student.Property(s => s.Id).ValueGeneratedNever();
        student.Property(s => s.IdNumber).HasMaxLength(18);
        student.Property(s => s.Name).HasMaxLength(30);
        student.Property(s => s.VillageCode).HasMaxLength(12);
        student.Property(s => s.TownshipCode).HasMaxLength(9);
        student.Property(s => s.Health).HasMaxLength(20);
        student.Property(s => s.SchoolCode).HasMaxLength(20);
        student.Property(s => s.SchoolName).HasMaxLength(100);
        student.Ignore(s => s.IsCurrent);
        student.Ignore(s => s.MayBeTaughtAtHome);
        // School rolls are matched by ID number among the people still in their household.
        student.HasIndex(s => s.IdNumber).IsUnique().HasFilter("left_at IS NULL").HasDatabaseName("ux_students_current_id_number");
        student.HasIndex(s => s.HouseholdId);
        student.HasIndex(s => new { s.VillageCode, s.BirthDate });
    }
}

internal sealed class DropoutCaseConfiguration : IEntityTypeConfiguration<DropoutCase>
{
    public void Configure(EntityTypeBuilder<DropoutCase> dropout)
    {
        dropout.Property(c => c.Id).ValueGeneratedNever();
        dropout.Property(c => c.Reason).HasMaxLength(500);
        dropout.Property(c => c.OpenedBy).HasMaxLength(100);
        dropout.Property(c => c.ClosedBy).HasMaxLength(100);
        dropout.Property(c => c.OutcomeNote).HasMaxLength(500);
        dropout.Property(c => c.HomeTeacher).HasMaxLength(50);
        dropout.ComplexProperty(c => c.AdministrativeOfficer, Person);
        dropout.ComplexProperty(c => c.EducationOfficer, Person);
        dropout.Ignore(c => c.IsOpen);
        dropout.HasMany(c => c.Visits).WithOne().HasForeignKey(v => v.CaseId);
        dropout.Navigation(c => c.Visits).HasField("visits");
        dropout.HasOne<Student>().WithMany().HasForeignKey(c => c.StudentId).OnDelete(DeleteBehavior.Restrict);
        // One open case per child at a time.
        dropout.HasIndex(c => c.StudentId).IsUnique().HasFilter("closed_at IS NULL").HasDatabaseName("ux_dropout_cases_open_student");
        dropout.HasIndex(c => c.HouseholdId);
        dropout.HasIndex(c => c.OpenedAt).HasFilter("closed_at IS NULL").HasDatabaseName("ix_dropout_cases_open");
    }

    private static void Person(ComplexPropertyBuilder<ResponsiblePerson> person)
    {
        person.Property(p => p.Name).HasMaxLength(30);
        person.Property(p => p.Position).HasMaxLength(50);
        person.Property(p => p.Phone).HasMaxLength(20);
    }
}

internal sealed class PersuasionVisitConfiguration : IEntityTypeConfiguration<PersuasionVisit>
{
    public void Configure(EntityTypeBuilder<PersuasionVisit> visit)
    {
        visit.Property(v => v.Id).ValueGeneratedNever();
        visit.Property(v => v.Visitors).HasMaxLength(200);
        visit.Property(v => v.Note).HasMaxLength(1000);
        visit.Property(v => v.RecordedBy).HasMaxLength(100);
    }
}

internal sealed class EducationGuaranteeConfiguration : IEntityTypeConfiguration<EducationGuarantee>
{
    public void Configure(EntityTypeBuilder<EducationGuarantee> guarantee)
    {
        guarantee.ToTable("education_guarantees");
        guarantee.HasKey(g => g.HouseholdId);
        guarantee.Property(g => g.Reason).HasMaxLength(500);
        guarantee.Ignore(g => g.Met);
        // Optimistic concurrency on PostgreSQL's row version: two cases of one household changing at once.
        guarantee.Property<uint>("Version").IsRowVersion();
    }
}
