package dev.codeai.integrations.platform;

import jakarta.enterprise.context.RequestScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Lists the schema migrations applied to the database, oldest first. */
@Path("platform/migrations")
@RequestScoped
public class MigrationsResource {

    @PersistenceContext(unitName = "codeai")
    EntityManager entityManager;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<AppliedMigration.View> applied() {
        return entityManager
                .createQuery("select m from AppliedMigration m order by m.rank", AppliedMigration.class)
                .getResultList().stream().map(AppliedMigration::view).toList();
    }
}
