;;; Scheduled jobs with mcron.

(define-module (gnu services mcron)
  #:use-module (guix records)
  #:use-module (guix gexp)
  #:use-module (gnu services)
  #:use-module (gnu services shepherd)
  #:use-module (gnu packages mcron)
  #:export (mcron-service-type
            mcron-configuration
            mcron-configuration?
            mcron-configuration-jobs
            mcron-configuration-mcron))

(define-record-type* <mcron-configuration> mcron-configuration
  make-mcron-configuration
  mcron-configuration?
  (mcron mcron-configuration-mcron (default mcron))
  (jobs mcron-configuration-jobs (default '()))
  (log? mcron-configuration-log? (default #t))
  (log-file mcron-configuration-log-file (default "/var/log/mcron.log")))

(define mcron-service-type
  (service-type
    (name 'mcron)
    (extensions
     (list (service-extension
            shepherd-root-service-type
            (lambda (config)
              (list (shepherd-service
                      (provision '(mcron))
                      (requirement '(user-processes))
                      (documentation "Run scheduled jobs.")
                      (start #~(make-forkexec-constructor
                                (list #$(file-append
                                         (mcron-configuration-mcron config)
                                         "/bin/mcron"))))
                      (stop #~(make-kill-destructor))))))
           (service-extension profile-service-type
                              (lambda (config)
                                (list (mcron-configuration-mcron config))))))
    (compose concatenate)
    (extend (lambda (config jobs)
              (mcron-configuration
                (inherit config)
                (jobs (append (mcron-configuration-jobs config) jobs)))))
    (default-value (mcron-configuration))
    (description "Run jobs at scheduled times with mcron.")))
