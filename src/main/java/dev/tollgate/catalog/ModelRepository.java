package dev.tollgate.catalog;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface ModelRepository extends JpaRepository<ModelEntity, String> {

    List<ModelEntity> findByEnabledTrueOrderBySortOrder();
}
