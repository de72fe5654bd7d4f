package dev.tollgate.catalog;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface ModelAliasRepository extends JpaRepository<ModelAliasEntity, String> {

    List<ModelAliasEntity> findAllByOrderByModelIdAscAliasAsc();
}
