; Inno Setup 6 script for Gendan Desktop (跟单桌面): the setup program.
; Built on Windows after installer\build_bundle.py made dist\GendanDesktop\,
; with the version passed in from the package (never written here):
;     iscc /DAppVersion=<gendan_desktop.__version__> installer\gendan_desktop.iss
; .github/workflows/windows.yml does exactly that. Output:
;     installer\Output\GendanDesktop-Setup-<version>.exe
; Per-user install (no administrator rights) into %LOCALAPPDATA%\Programs.
; The database, its backups, the log and the settings live apart, in
; %LOCALAPPDATA%\GendanDesktop and the user's registry: installing, upgrading
; and uninstalling never touch them, and the uninstaller says where they are.
; UTF-8 with a byte-order mark: Inno Setup then reads the Chinese correctly.

#ifndef AppVersion
  #error Pass the version from the package: iscc /DAppVersion=<gendan_desktop.__version__> installer\gendan_desktop.iss
#endif
#define AppName "跟单桌面 Gendan Desktop"
#define BundleName "GendanDesktop"
#define AppExe "GendanDesktop.exe"
#define DataFolder "{localappdata}\GendanDesktop"

; Chinese (Simplified) messages: an official language in newer Inno Setup,
; "unofficial" (not installed with the compiler) in older ones; the workflow
; then downloads it beside this script.
#define ZhMessages AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl"
#if !FileExists(ZhMessages)
  #define ZhMessages AddBackslash(SourcePath) + "ChineseSimplified.isl"
#endif
#if !FileExists(ZhMessages)
  #error ChineseSimplified.isl not found: put it beside this script (see .github/workflows/windows.yml)
#endif

[Setup]
AppId={{6C1F1C2E-3B7A-4E54-9E1D-4E5A9D6C0B71}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
VersionInfoVersion={#AppVersion}
AppPublisher=Gendan Desktop
DefaultDirName={localappdata}\Programs\{#BundleName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=auto
PrivilegesRequired=lowest
OutputDir=Output
OutputBaseFilename={#BundleName}-Setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
; an upgrade closes a running window first (its files are replaced)
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "chinesesimplified"; MessagesFile: "{#ZhMessages}"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.DataKept=跟单桌面已卸载。%n%n您的数据库、备份和日志没有删除,仍在:%n%1%n%n设置保存在注册表 HKEY_CURRENT_USER\Software\GendanDesktop。重新安装后会继续使用它们;如果确定不再需要,可以手动删除这个文件夹。
english.DataKept=Gendan Desktop was uninstalled.%n%nYour database, its backups and the log were not deleted; they are still in:%n%1%n%nThe settings are in the registry under HKEY_CURRENT_USER\Software\GendanDesktop. Installing again uses them; if you are sure you no longer need them, delete that folder yourself.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; an upgrade replaces the whole bundle: no library of the old version stays behind
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\dist\{#BundleName}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Folder: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    Folder := ExpandConstant('{#DataFolder}');
    Log('Kept the data folder ' + Folder);
    if DirExists(Folder) and not UninstallSilent then
      MsgBox(FmtMessage(CustomMessage('DataKept'), [Folder]), mbInformation, MB_OK);
  end;
end;
