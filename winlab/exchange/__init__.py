"""Exchange Server 2007 SP1 in the lab: the Hub Transport's organisation settings, setup.com and
its prerequisites, the clustered mailbox server (CMS) in the cluster model, storage groups whose
logs are generated, copied and replayed as lab time passes, handoff and failover with the
AutoDatabaseMountDial, the Exchange services, the Application log, and the drills' faults.

Modules: model (the stored state), topology (ExchangeSpec), baseline (the Hub Transport and the
media), replication (time, queues, copy status), cms (the cluster group, moves and failover),
setup (setup.com), prerequisites (the 2003 installers and what setup checks), services, events,
faults, snapin (the Exchange Management Shell cmdlets). State changes go through `advance` (the
lab's time) and `reconcile` (after the cluster changed); this package knows the cluster only
through winlab's state and quorum modules.
"""
