; Included by electron-builder's NSIS installer (electron-builder.yml: nsis.include).
;
; Uninstalling removes Fieldvault's own app-data folder, %APPDATA%\Fieldvault (Electron's userData: Chromium's
; profile files, GPU caches, crash reports; never vault content), and never a vault. Vaults live where the user
; chose them; should one have been saved inside that folder anyway, it stays: only the entries Chromium and
; Electron create are deleted, and the folder itself only once it is empty. An update (the installer running the
; old uninstaller with --updated) keeps everything.
;
; electron-builder's own deleteAppDataOnUninstall would instead run `RMDir /r` over the whole folder, which
; could take such a vault with it; it stays off.

!macro fieldvaultRemoveAppDataEntry NAME
  RMDir /r "$APPDATA\${PRODUCT_FILENAME}\${NAME}"
  Delete "$APPDATA\${PRODUCT_FILENAME}\${NAME}"
!macroend

!macro customUnInstall
  ${ifNot} ${isUpdated}
    ; Electron keeps userData per user, also for a per-machine installation.
    ${if} $installMode == "all"
      SetShellVarContext current
    ${endif}
    !insertmacro fieldvaultRemoveAppDataEntry "blob_storage"
    !insertmacro fieldvaultRemoveAppDataEntry "Code Cache"
    !insertmacro fieldvaultRemoveAppDataEntry "Cookies"
    !insertmacro fieldvaultRemoveAppDataEntry "Cookies-journal"
    !insertmacro fieldvaultRemoveAppDataEntry "Crashpad"
    !insertmacro fieldvaultRemoveAppDataEntry "databases"
    !insertmacro fieldvaultRemoveAppDataEntry "DawnCache"
    !insertmacro fieldvaultRemoveAppDataEntry "DawnGraphiteCache"
    !insertmacro fieldvaultRemoveAppDataEntry "DawnWebGPUCache"
    !insertmacro fieldvaultRemoveAppDataEntry "Dictionaries"
    !insertmacro fieldvaultRemoveAppDataEntry "GPUCache"
    !insertmacro fieldvaultRemoveAppDataEntry "GrShaderCache"
    !insertmacro fieldvaultRemoveAppDataEntry "IndexedDB"
    !insertmacro fieldvaultRemoveAppDataEntry "Local State"
    !insertmacro fieldvaultRemoveAppDataEntry "Local Storage"
    !insertmacro fieldvaultRemoveAppDataEntry "lockfile"
    !insertmacro fieldvaultRemoveAppDataEntry "logs"
    !insertmacro fieldvaultRemoveAppDataEntry "Network"
    !insertmacro fieldvaultRemoveAppDataEntry "Network Persistent State"
    !insertmacro fieldvaultRemoveAppDataEntry "Partitions"
    !insertmacro fieldvaultRemoveAppDataEntry "Preferences"
    !insertmacro fieldvaultRemoveAppDataEntry "Service Worker"
    !insertmacro fieldvaultRemoveAppDataEntry "Session Storage"
    !insertmacro fieldvaultRemoveAppDataEntry "Shared Dictionary"
    !insertmacro fieldvaultRemoveAppDataEntry "SharedStorage"
    !insertmacro fieldvaultRemoveAppDataEntry "ShaderCache"
    !insertmacro fieldvaultRemoveAppDataEntry "shared_proto_db"
    !insertmacro fieldvaultRemoveAppDataEntry "TransportSecurity"
    !insertmacro fieldvaultRemoveAppDataEntry "Trust Tokens"
    !insertmacro fieldvaultRemoveAppDataEntry "VideoDecodeStats"
    !insertmacro fieldvaultRemoveAppDataEntry "WebStorage"
    ; Without /r: removed only when nothing else (a vault, say) is left in it.
    RMDir "$APPDATA\${PRODUCT_FILENAME}"
    ${if} $installMode == "all"
      SetShellVarContext all
    ${endif}
  ${endIf}
!macroend
